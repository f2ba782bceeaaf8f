using System.Text;
using Pharos.Templating.Values;

namespace Pharos.Templating.Functions;

/// <summary>Go's predefined template functions.</summary>
internal static partial class BuiltinFunctions
{
    // The executor recognises these instances and evaluates their arguments lazily.
    public static readonly TemplateFunction And = (_, args) => args.FirstOrDefault(a => !GoValues.IsTrue(a), args[^1]);

    public static readonly TemplateFunction Or = (_, args) => args.FirstOrDefault(GoValues.IsTrue, args[^1]);

    public static void AddTo(TemplateFunctions table)
    {
        table.Add("and", 1, -1, And)
            .Add("or", 1, -1, Or)
            .Add("not", 1, 1, (_, a) => !GoValues.IsTrue(a[0]))
            .Add("len", 1, 1, (_, a) => Len(a[0]))
            .Add("index", 1, -1, (_, a) => Index(a))
            .Add("slice", 1, 4, (_, a) => Slice(a))
            .Add("print", 0, -1, (_, a) => GoFormat.Sprint(a))
            .Add("println", 0, -1, (_, a) => GoFormat.Sprintln(a))
            .Add("printf", 1, -1, (_, a) => GoFormat.Sprintf(Args.String(a, 0), [.. a.Skip(1)]))
            .Add("html", 0, -1, (_, a) => Escaping.Html(EvalArgs(a)))
            .Add("js", 0, -1, (_, a) => Escaping.JavaScript(EvalArgs(a)))
            .Add("urlquery", 0, -1, (_, a) => Escaping.QueryEscape(EvalArgs(a)))
            .Add("eq", 1, -1, (_, a) => Eq(a))
            .Add("ne", 2, 2, (_, a) => !Eq(a))
            .Add("lt", 2, 2, (_, a) => Less(a[0], a[1]))
            .Add("le", 2, 2, (_, a) => Less(a[0], a[1]) || Eq(a))
            .Add("gt", 2, 2, (_, a) => !Less(a[0], a[1]) && !Eq(a))
            .Add("ge", 2, 2, (_, a) => !Less(a[0], a[1]))
            .Add("call", 1, -1, Call);
    }

    // As Go's evalArgs: a single string argument is used as is, anything else is printed with Sprint.
    private static string EvalArgs(IReadOnlyList<object?> args) =>
        args is [string s] ? s : args is [SafeHtml h] ? h.Value : GoFormat.Sprint(args);

    private static long Len(object? value)
    {
        var length = GoValues.Length(value);
        return length >= 0
            ? length
            : throw new TemplateFunctionException(value is null ? "len of nil pointer" : $"len of type {GoValues.TypeName(value)}");
    }

    private static object? Index(IReadOnlyList<object?> args)
    {
        var item = args[0];
        if (item is null)
        {
            throw new TemplateFunctionException("index of untyped nil");
        }

        for (var i = 1; i < args.Count; i++)
        {
            var key = args[i];
            if (GoValues.TryMapIndex(item, key, out _, out var value))
            {
                item = value;
                continue;
            }

            if (item is string s)
            {
                var bytes = Encoding.UTF8.GetBytes(s);
                var x = IndexArg(key, bytes.Length);
                item = (long)bytes[x];
                continue;
            }

            if (GoValues.AsList(item) is { } list)
            {
                item = list[IndexArg(key, list.Count)];
                continue;
            }

            throw new TemplateFunctionException(item is null ? "index of nil pointer" : $"can't index item of type {GoValues.TypeName(item)}");
        }

        return item;
    }

    private static int IndexArg(object? key, int length)
    {
        if (!GoValues.IsInt(key))
        {
            throw new TemplateFunctionException($"cannot index slice/array with type {GoValues.TypeName(key)}");
        }

        var x = GoValues.ToInt64(key);
        if (x < 0 || x >= length)
        {
            throw new TemplateFunctionException($"index out of range: {x}");
        }

        return (int)x;
    }

    private static object? Slice(IReadOnlyList<object?> args)
    {
        var item = args[0] ?? throw new TemplateFunctionException("slice of untyped nil");
        var indexes = new List<int>();
        var isString = item is string;
        var list = isString ? null : GoValues.AsList(item) ?? throw new TemplateFunctionException($"can't slice item of type {GoValues.TypeName(item)}");
        var bytes = isString ? Encoding.UTF8.GetBytes((string)item) : null;
        var length = bytes?.Length ?? list!.Count;
        if (isString && args.Count == 4)
        {
            throw new TemplateFunctionException("cannot 3-index slice a string");
        }

        for (var i = 1; i < args.Count; i++)
        {
            if (!GoValues.IsInt(args[i]))
            {
                throw new TemplateFunctionException($"cannot index slice/array with type {GoValues.TypeName(args[i])}");
            }

            var x = GoValues.ToInt64(args[i]);
            if (x < 0 || x > length)
            {
                throw new TemplateFunctionException($"index out of range: {x}");
            }

            indexes.Add((int)x);
        }

        var start = indexes.Count > 0 ? indexes[0] : 0;
        var end = indexes.Count > 1 ? indexes[1] : length;
        if (start > end)
        {
            throw new TemplateFunctionException($"invalid slice index: {start} > {end}");
        }

        return isString ? Encoding.UTF8.GetString(bytes!, start, end - start) : list!.GetRange(start, end - start);
    }

    private static object? Call(TemplateCallContext context, IReadOnlyList<object?> args) => args[0] switch
    {
        TemplateFunction f => f(context, [.. args.Skip(1)]),
        null => throw new TemplateFunctionException("call of nil"),
        var other => throw new TemplateFunctionException($"non-function of type {GoValues.TypeName(other)}"),
    };
}
