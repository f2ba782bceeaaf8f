using System.Text;
using Pharos.Templating.Functions;
using Pharos.Templating.Parse;
using Pharos.Templating.Values;

namespace Pharos.Templating.Execution;

/// <summary>
/// Walks a parsed tree against data, writing output, as Go's <c>text/template</c> <c>state</c> does. Single-use and
/// not thread-safe; every execution gets its own instance.
/// </summary>
internal sealed partial class Executor
{
    private readonly IReadOnlyDictionary<string, TemplateTree> _trees;
    private readonly TemplateFunctions _functions;
    private readonly TemplateOptions _options;
    private readonly StringBuilder _output;
    private readonly CancellationToken _cancellationToken;
    private readonly TemplateCallContext _callContext;
    private readonly List<(string Name, object? Value)> _vars = [];
    private TemplateTree _tree;
    private int _depth;

    public Executor(IReadOnlyDictionary<string, TemplateTree> trees, TemplateTree tree, TemplateFunctions functions, TemplateOptions options, StringBuilder output, CancellationToken cancellationToken)
    {
        _trees = trees;
        _tree = tree;
        _functions = functions;
        _options = options;
        _output = output;
        _cancellationToken = cancellationToken;
        _callContext = new TemplateCallContext(cancellationToken, options.TimeProvider);
    }

    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    public void Execute(object? data)
    {
        _vars.Add(("$", data));
        Walk(data, _tree.Root);
    }

    private Flow Walk(object? dot, Node node)
    {
        if (_cancellationToken.IsCancellationRequested)
        {
            throw new TemplateException($"template: {_tree.Name}: execution canceled", new OperationCanceledException(_cancellationToken));
        }

        switch (node)
        {
            case TextNode text:
                Write(text.Text);
                return Flow.Normal;
            case ActionNode action:
                var value = EvalPipeline(dot, action.Pipe);
                if (action.Pipe.Decl.Count == 0)
                {
                    PrintValue(action, value);
                }

                return Flow.Normal;
            case ListNode list:
                foreach (var child in list.Nodes)
                {
                    var flow = Walk(dot, child);
                    if (flow != Flow.Normal)
                    {
                        return flow;
                    }
                }

                return Flow.Normal;
            case BranchNode { Kind: BranchKind.Range } range:
                return WalkRange(dot, range);
            case BranchNode branch:
                return WalkIfOrWith(dot, branch);
            case TemplateNode template:
                WalkTemplate(dot, template);
                return Flow.Normal;
            case BreakNode:
                return Flow.Break;
            case ContinueNode:
                return Flow.Continue;
            default:
                throw ErrorAt(node, $"unknown node: {node}");
        }
    }

    private Flow WalkIfOrWith(object? dot, BranchNode branch)
    {
        var mark = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, branch.Pipe);
            if (GoValues.IsTrue(value))
            {
                return Walk(branch.Kind == BranchKind.With ? value : dot, branch.List);
            }

            return branch.ElseList is null ? Flow.Normal : Walk(dot, branch.ElseList);
        }
        finally
        {
            Pop(mark);
        }
    }

    private Flow WalkRange(object? dot, BranchNode range)
    {
        var mark = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, range.Pipe);
            var decl = range.Pipe.Decl;
            var iterated = false;

            // Returns false when the loop should stop.
            bool Iteration(object? key, object? element)
            {
                iterated = true;
                if (decl.Count == 1)
                {
                    SetVar(decl[0], element);
                }
                else if (decl.Count == 2)
                {
                    SetVar(decl[0], key);
                    SetVar(decl[1], element);
                }

                var innerMark = _vars.Count;
                var flow = Walk(element, range.List);
                Pop(innerMark);
                return flow != Flow.Break;
            }

            if (GoValues.SortedEntries(value) is { } entries)
            {
                foreach (var (key, element) in entries)
                {
                    if (!Iteration(key, element))
                    {
                        break;
                    }
                }
            }
            else if (GoValues.AsList(value) is { } list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (!Iteration((long)i, list[i]))
                    {
                        break;
                    }
                }
            }
            else if (GoValues.IsInt(value))
            {
                if (decl.Count > 1)
                {
                    throw ErrorAt(range, $"can't use {value} to iterate over more than one variable");
                }

                var n = GoValues.ToInt64(value);
                for (long i = 0; i < n; i++)
                {
                    if (_cancellationToken.IsCancellationRequested)
                    {
                        throw new TemplateException($"template: {_tree.Name}: execution canceled", new OperationCanceledException(_cancellationToken));
                    }

                    if (!Iteration(i, i))
                    {
                        break;
                    }
                }
            }
            else if (value is not null)
            {
                throw ErrorAt(range, $"range can't iterate over {GoFormat.FormatValue(value)}");
            }

            if (!iterated && range.ElseList is not null)
            {
                return Walk(dot, range.ElseList);
            }

            return Flow.Normal;
        }
        finally
        {
            Pop(mark);
        }
    }

    private void WalkTemplate(object? dot, TemplateNode node)
    {
        if (!_trees.TryGetValue(node.Name, out var tree))
        {
            throw ErrorAt(node, $"template \"{node.Name}\" not defined");
        }

        if (_depth >= _options.MaxTemplateDepth)
        {
            throw ErrorAt(node, $"exceeded maximum template depth ({_options.MaxTemplateDepth})");
        }

        var newDot = node.Pipe is null ? null : EvalPipeline(dot, node.Pipe);
        var savedTree = _tree;
        var savedVars = _vars.ToArray();
        _vars.Clear();
        _vars.Add(("$", newDot));
        _depth++;
        _tree = tree;
        try
        {
            Walk(newDot, tree.Root);
        }
        finally
        {
            _depth--;
            _tree = savedTree;
            _vars.Clear();
            _vars.AddRange(savedVars);
        }
    }

    private void PrintValue(Node node, object? value)
    {
        if (value is TemplateFunction)
        {
            throw ErrorAt(node, $"can't print {node.Source} of type func");
        }

        var text = value is null ? "<no value>" : GoFormat.FormatValue(value);
        if (_options.Mode == TemplateMode.Html && value is not SafeHtml)
        {
            text = Escaping.Html(text);
        }

        Write(text);
    }

    private void Write(string text)
    {
        if (_output.Length + text.Length > _options.MaxOutputChars)
        {
            throw new TemplateException($"template: {_tree.Name}: output exceeds the limit of {_options.MaxOutputChars} characters");
        }

        _output.Append(text);
    }

    private void SetVar(string name, object? value)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
            {
                _vars[i] = (name, value);
                return;
            }
        }

        _vars.Add((name, value));
    }

    private object? VarValue(Node node, string name)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
            {
                return _vars[i].Value;
            }
        }

        throw ErrorAt(node, $"undefined variable: {name}");
    }

    private void Pop(int mark) => _vars.RemoveRange(mark, _vars.Count - mark);

    private TemplateException ErrorAt(Node node, string message)
    {
        var text = _tree.Text;
        var pos = Math.Min(node.Pos, text.Length);
        var before = text.AsSpan(0, pos);
        var line = 1 + before.Count('\n');
        var lastNewline = before.LastIndexOf('\n');
        var col = lastNewline < 0 ? pos : pos - lastNewline - 1;
        var context = node.Source.Length > 20 ? node.Source[..20] + "..." : node.Source;
        return new TemplateException($"template: {_tree.ParseName}:{line}:{col}: executing \"{_tree.Name}\" at <{context}>: {message}");
    }
}
