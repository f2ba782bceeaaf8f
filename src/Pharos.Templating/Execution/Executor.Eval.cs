using Pharos.Templating.Functions;
using Pharos.Templating.Parse;
using Pharos.Templating.Values;

namespace Pharos.Templating.Execution;

/// <summary>Pipelines, commands, fields, variables and function calls.</summary>
internal sealed partial class Executor
{
    // Distinguishes "no value piped in" from a piped nil.
    private static readonly object Missing = new();

    private object? EvalPipeline(object? dot, PipeNode pipe)
    {
        object? value = Missing;
        foreach (var command in pipe.Commands)
        {
            value = EvalCommand(dot, command, value);
        }

        foreach (var name in pipe.Decl)
        {
            if (pipe.IsAssign)
            {
                SetVar(name, value);
            }
            else
            {
                _vars.Add((name, value));
            }
        }

        return value;
    }

    private object? EvalCommand(object? dot, CommandNode command, object? final)
    {
        var first = command.Args[0];
        switch (first)
        {
            case FieldNode field:
                return EvalFieldChain(dot, dot, field, field.Idents, command.Args, final);
            case ChainNode chain:
                var target = EvalArg(dot, chain.Target);
                return EvalFieldChain(dot, target, chain, chain.Fields, command.Args, final);
            case IdentifierNode identifier:
                return EvalFunction(dot, identifier, command, command.Args, final);
            case VariableNode variable:
                var value = VarValue(variable, variable.Idents[0]);
                if (variable.Idents.Length == 1)
                {
                    NotAFunction(command, final);
                    return value;
                }

                return EvalFieldChain(dot, value, variable, variable.Idents[1..], command.Args, final);
            default:
                break;
        }

        NotAFunction(command, final);
        return first switch
        {
            PipeNode pipe => EvalPipeline(dot, pipe),
            BoolNode b => b.Value,
            DotNode => dot,
            NilNode => throw ErrorAt(first, "nil is not a command"),
            NumberNode n => n.Value,
            StringNode s => s.Value,
            _ => throw ErrorAt(first, $"can't evaluate command {first.Source}"),
        };
    }

    private void NotAFunction(CommandNode command, object? final)
    {
        if (command.Args.Count > 1 || final != Missing)
        {
            throw ErrorAt(command.Args[0], $"can't give argument to non-function {command.Args[0].Source}");
        }
    }

    private object? EvalArg(object? dot, Node node) => node switch
    {
        DotNode => dot,
        NilNode => null,
        FieldNode field => EvalFieldChain(dot, dot, field, field.Idents, [field], Missing),
        VariableNode variable => variable.Idents.Length == 1
            ? VarValue(variable, variable.Idents[0])
            : EvalFieldChain(dot, VarValue(variable, variable.Idents[0]), variable, variable.Idents[1..], [variable], Missing),
        PipeNode pipe => EvalPipeline(dot, pipe),
        IdentifierNode identifier => EvalFunction(dot, identifier, identifier, [identifier], Missing),
        ChainNode chain => EvalFieldChain(dot, EvalArg(dot, chain.Target), chain, chain.Fields, [chain], Missing),
        BoolNode b => b.Value,
        NumberNode n => n.Value,
        StringNode s => s.Value,
        _ => throw ErrorAt(node, $"can't handle {node.Source} for arg"),
    };

    private object? EvalFieldChain(object? dot, object? receiver, Node node, string[] idents, List<Node> args, object? final)
    {
        for (var i = 0; i < idents.Length - 1; i++)
        {
            receiver = EvalField(dot, idents[i], node, [], Missing, receiver);
        }

        return EvalField(dot, idents[^1], node, args, final, receiver);
    }

    private object? EvalField(object? dot, string name, Node node, List<Node> args, object? final, object? receiver)
    {
        var hasArgs = args.Count > 1 || final != Missing;
        if (receiver is null)
        {
            throw ErrorAt(node, $"nil pointer evaluating interface {{}}.{name}");
        }

        if (receiver is ITemplateObject obj)
        {
            if (hasArgs)
            {
                var callArgs = EvalArgs(dot, args, final);
                if (obj.TryCallMethod(name, callArgs, out var result))
                {
                    return result;
                }
            }
            else if (obj.TryGetField(name, out var value))
            {
                return value;
            }
        }

        if (GoMethods.TryInvoke(receiver, name, hasArgs ? EvalArgs(dot, args, final) : [], out var builtin, out var error))
        {
            return error is null ? builtin : throw ErrorAt(node, $"error calling {name}: {error}");
        }

        if (GoValues.IsMap(receiver))
        {
            if (hasArgs)
            {
                throw ErrorAt(node, $"{name} is not a method but has arguments");
            }

            GoValues.TryMapIndex(receiver, name, out var found, out var value);
            if (!found && _options.MissingKey == MissingKeyOption.Error)
            {
                throw ErrorAt(node, $"map has no entry for key \"{name}\"");
            }

            return value;
        }

        if (receiver is ITemplateObject && hasArgs)
        {
            throw ErrorAt(node, $"{name} has arguments but cannot be invoked as function");
        }

        throw ErrorAt(node, $"can't evaluate field {name} in type {GoValues.TypeName(receiver)}");
    }

    private List<object?> EvalArgs(object? dot, List<Node> args, object? final)
    {
        var values = new List<object?>(args.Count);
        for (var i = 1; i < args.Count; i++)
        {
            values.Add(EvalArg(dot, args[i]));
        }

        if (final != Missing)
        {
            values.Add(final);
        }

        return values;
    }

    private object? EvalFunction(object? dot, IdentifierNode identifier, Node node, List<Node> args, object? final)
    {
        var name = identifier.Name;
        if (!_functions.TryGet(name, out var entry))
        {
            throw ErrorAt(identifier, $"\"{name}\" is not a defined function");
        }

        var count = args.Count - 1 + (final != Missing ? 1 : 0);
        if (count < entry.MinArgs || (entry.MaxArgs >= 0 && count > entry.MaxArgs))
        {
            var want = entry.MaxArgs < 0 ? $"at least {entry.MinArgs}" : entry.MinArgs == entry.MaxArgs ? $"{entry.MinArgs}" : $"{entry.MinArgs} to {entry.MaxArgs}";
            throw ErrorAt(identifier, $"wrong number of args for {name}: want {want} got {count}");
        }

        // "and" and "or" evaluate their arguments only as far as needed, as Go 1.18+ does.
        if (ReferenceEquals(entry.Function, BuiltinFunctions.And) || ReferenceEquals(entry.Function, BuiltinFunctions.Or))
        {
            var isAnd = ReferenceEquals(entry.Function, BuiltinFunctions.And);
            object? value = null;
            for (var i = 1; i <= count; i++)
            {
                value = i < args.Count ? EvalArg(dot, args[i]) : final;
                if (GoValues.IsTrue(value) != isAnd)
                {
                    return value;
                }
            }

            return value;
        }

        var values = EvalArgs(dot, args, final);
        try
        {
            return entry.Function(_callContext, values);
        }
        catch (TemplateFunctionException ex)
        {
            throw ErrorAt(node, $"error calling {name}: {ex.Message}");
        }
        catch (TemplateException)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            throw new TemplateException($"template: {_tree.Name}: execution canceled", ex);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A misbehaving function must not take the host down; report it like an error return.
            throw ErrorAt(node, $"error calling {name}: {ex.Message}");
        }
    }
}
