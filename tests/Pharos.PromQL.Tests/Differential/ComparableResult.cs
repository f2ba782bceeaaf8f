using System.Globalization;
using System.Text;
using System.Text.Json;
using Pharos.Model;
using Pharos.PromQL.Engine;
using Pharos.PromQL.Parser;

namespace Pharos.PromQL.Tests.Differential;

/// <summary>
/// A query outcome in a form both sides convert to: the result type and the series (label text to points), or an
/// error. Compared with a relative tolerance because the two engines may sum in a different order.
/// </summary>
internal sealed class ComparableResult
{
    private const double RelativeTolerance = 1e-9;

    private ComparableResult(string type, SortedDictionary<string, List<(long TimestampMs, string Value)>> series, string? error)
    {
        Type = type;
        Series = series;
        Error = error;
    }

    /// <summary><c>vector</c>, <c>matrix</c>, <c>scalar</c>, <c>string</c>, or <c>error</c>.</summary>
    public string Type { get; }

    /// <summary>The series by their label text (<c>{a="b", …}</c>, names sorted); scalars and strings use <c>""</c>.</summary>
    public SortedDictionary<string, List<(long TimestampMs, string Value)>> Series { get; }

    /// <summary>The error message, when the query failed.</summary>
    public string? Error { get; }

    /// <summary>Converts one of our results, or the exception our engine threw for it.</summary>
    public static ComparableResult FromPharos(Func<QueryResult> run)
    {
        QueryResult result;
        try
        {
            result = run();
        }
        catch (PromQLParseException e)
        {
            return Failed(e.Message);
        }

        if (result.Error is { } error)
        {
            return Failed(error.Message);
        }

        var series = new SortedDictionary<string, List<(long, string)>>(StringComparer.Ordinal);
        switch (result.Value)
        {
            case ScalarValue s:
                series[""] = [(s.TimestampMs, Format(s.Value))];
                return new ComparableResult("scalar", series, null);
            case StringValue s:
                series[""] = [(s.TimestampMs, s.Value)];
                return new ComparableResult("string", series, null);
            case VectorValue v:
                foreach (var sample in v.Samples)
                {
                    series[LabelText(sample.Metric)] = [(sample.TimestampMs, sample.Histogram is null ? Format(sample.Value) : "histogram")];
                }

                return new ComparableResult("vector", series, null);
            case MatrixValue m:
                foreach (var s in m.Series)
                {
                    series[LabelText(s.Metric)] = s.Floats.Select(p => (p.TimestampMs, Format(p.Value))).ToList();
                }

                return new ComparableResult("matrix", series, null);
            default:
                return Failed($"unexpected value {result.Value}");
        }
    }

    /// <summary>Converts the body of a Prometheus <c>/api/v1/query</c> or <c>/api/v1/query_range</c> response.</summary>
    public static ComparableResult FromPrometheus(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            return Failed(root.GetProperty("error").GetString() ?? "error");
        }

        var data = root.GetProperty("data");
        var type = data.GetProperty("resultType").GetString()!;
        var result = data.GetProperty("result");
        var series = new SortedDictionary<string, List<(long, string)>>(StringComparer.Ordinal);
        switch (type)
        {
            case "scalar":
            case "string":
                series[""] = [Point(result)];
                break;
            case "vector":
                foreach (var s in result.EnumerateArray())
                {
                    series[LabelText(s.GetProperty("metric"))] = [Point(s.GetProperty("value"))];
                }

                break;
            default:
                foreach (var s in result.EnumerateArray())
                {
                    series[LabelText(s.GetProperty("metric"))] = s.GetProperty("values").EnumerateArray().Select(Point).ToList();
                }

                break;
        }

        return new ComparableResult(type, series, null);
    }

    /// <summary>Describes how <paramref name="actual"/> differs from this (expected) result, or null if they agree.</summary>
    public string? Difference(ComparableResult actual)
    {
        if (Error is not null || actual.Error is not null)
        {
            return (Error is null) == (actual.Error is null) ? null : $"error: expected {Error ?? "none"}, got {actual.Error ?? "none"}";
        }

        if (Type != actual.Type)
        {
            return $"result type: expected {Type}, got {actual.Type}";
        }

        var missing = Series.Keys.Except(actual.Series.Keys, StringComparer.Ordinal).ToList();
        var extra = actual.Series.Keys.Except(Series.Keys, StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            return $"series: {Series.Count} expected, {actual.Series.Count} got; missing {string.Join(" ", missing.Take(3))}; extra {string.Join(" ", extra.Take(3))}";
        }

        foreach (var (labels, expected) in Series)
        {
            var got = actual.Series[labels];
            if (expected.Count != got.Count)
            {
                return $"{labels}: {expected.Count} points expected, {got.Count} got";
            }

            for (var i = 0; i < expected.Count; i++)
            {
                if (expected[i].TimestampMs != got[i].TimestampMs || !SameValue(expected[i].Value, got[i].Value))
                {
                    return $"{labels}: point {i} expected {expected[i]}, got {got[i]}";
                }
            }
        }

        return null;
    }

    private static bool SameValue(string expected, string actual)
    {
        if (expected == actual)
        {
            return true;
        }

        if (!TryParseValue(expected, out var a) || !TryParseValue(actual, out var b))
        {
            return false;
        }

        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return double.IsNaN(a) && double.IsNaN(b);
        }

        return a == b || Math.Abs(a - b) <= RelativeTolerance * Math.Max(Math.Abs(a), Math.Abs(b));
    }

    private static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static ComparableResult Failed(string message) =>
        new("error", new SortedDictionary<string, List<(long, string)>>(StringComparer.Ordinal), message);

    private static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static (long, string) Point(JsonElement pair)
    {
        // The API writes seconds with exactly the milliseconds as decimals: decimal arithmetic recovers them.
        var seconds = decimal.Parse(pair[0].GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
        return ((long)(seconds * 1000), pair[1].GetString()!);
    }

    private static string LabelText(Labels labels) => LabelText(labels.Select(l => (l.Name, l.Value)));

    private static string LabelText(JsonElement metric) =>
        LabelText(metric.EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));

    private static string LabelText(IEnumerable<(string Name, string Value)> labels)
    {
        var text = new StringBuilder("{");
        foreach (var (name, value) in labels.OrderBy(l => l.Name, StringComparer.Ordinal))
        {
            text.Append(text.Length > 1 ? ", " : "").Append(name).Append("=\"").Append(value).Append('"');
        }

        return text.Append('}').ToString();
    }
}
