using System.Globalization;
using Pharos.Templating.Values;

namespace Pharos.Templating.Functions;

/// <summary>Argument conversions with Go's error wording, for function implementations.</summary>
internal static class Args
{
    public static string String(IReadOnlyList<object?> args, int index) => args[index] switch
    {
        string s => s,
        SafeHtml h => h.Value,
        SafeUrl u => u.Value,
        var other => throw WrongType("string", other),
    };

    public static List<string> StringList(IReadOnlyList<object?> args, int index)
    {
        var list = GoValues.AsList(args[index]) ?? throw WrongType("[]string", args[index]);
        return [.. list.Select(v => v as string ?? throw WrongType("string", v))];
    }

    public static TemplateFunctionException WrongType(string expected, object? value) =>
        new($"wrong type for value; expected {expected}; got {GoValues.TypeName(value)}");

    /// <summary>Prometheus's <c>convertToFloat</c>: numbers, numeric strings and durations (as seconds).</summary>
    public static double Float(object? value) => value switch
    {
        double d => d,
        float f => f,
        string s => ParseGoFloat(s) ?? throw new TemplateFunctionException($"strconv.ParseFloat: parsing {Quote(s)}: invalid syntax"),
        TimeSpan t => t.TotalSeconds,
        _ when GoValues.IsInt(value) => GoValues.ToInt64(value),
        _ => throw new TemplateFunctionException($"can't convert {GoValues.TypeName(value)} to float"),
    };

    public static double? ParseGoFloat(string s)
    {
        var t = s.Replace("_", "", StringComparison.Ordinal);
        switch (t.TrimStart('+', '-').ToLowerInvariant())
        {
            case "inf" or "infinity":
                return t.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
            case "nan":
                return double.NaN;
            default:
                break;
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    public static string Quote(string s)
    {
        var sb = new System.Text.StringBuilder();
        GoFormat.AppendQuoted(sb, s);
        return sb.ToString();
    }
}
