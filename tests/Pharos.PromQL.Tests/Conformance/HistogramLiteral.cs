using System.Globalization;
using Pharos.Model;

namespace Pharos.PromQL.Tests.Conformance;

/// <summary>Parses the inside of a <c>{{…}}</c> native-histogram literal of the test DSL.</summary>
internal static class HistogramLiteral
{
    public static (FloatHistogram Histogram, bool HintSpecified) Parse(string inner, int line)
    {
        var h = new FloatHistogram();
        var seen = new HashSet<string>();
        var hint = false;
        double[] buckets = [], nBuckets = [];
        int offset = 0, nOffset = 0;
        var i = 0;
        while (i < inner.Length)
        {
            if (char.IsWhiteSpace(inner[i]))
            {
                i++;
                continue;
            }

            var colon = inner.IndexOf(':', i);
            if (colon < 0)
            {
                throw new FormatException($"line {line}: invalid histogram literal \"{inner}\"");
            }

            var key = inner[i..colon].Trim().ToLowerInvariant();
            if (!seen.Add(key))
            {
                throw new FormatException($"line {line}: duplicate histogram key {key}");
            }

            i = colon + 1;
            string value;
            if (i < inner.Length && inner[i] == '[')
            {
                var close = inner.IndexOf(']', i);
                value = inner[(i + 1)..close];
                i = close + 1;
            }
            else
            {
                var start = i;
                while (i < inner.Length && !char.IsWhiteSpace(inner[i]))
                {
                    i++;
                }

                value = inner[start..i];
            }

            switch (key)
            {
                case "schema":
                    h.Schema = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "sum":
                    h.Sum = Num(value, line);
                    break;
                case "count":
                    h.Count = Num(value, line);
                    break;
                case "z_bucket":
                    h.ZeroCount = Num(value, line);
                    break;
                case "z_bucket_w":
                    h.ZeroThreshold = Num(value, line);
                    break;
                case "buckets":
                    buckets = List(value, line);
                    break;
                case "offset":
                    offset = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "n_buckets":
                    nBuckets = List(value, line);
                    break;
                case "n_offset":
                    nOffset = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "custom_values":
                    h.CustomValues = List(value, line);
                    break;
                case "counter_reset_hint":
                    hint = true;
                    h.CounterResetHint = value switch
                    {
                        "unknown" => CounterResetHint.Unknown,
                        "reset" => CounterResetHint.CounterReset,
                        "not_reset" => CounterResetHint.NotCounterReset,
                        "gauge" => CounterResetHint.Gauge,
                        _ => throw new FormatException($"line {line}: invalid counter_reset_hint {value}"),
                    };
                    break;
                default:
                    throw new FormatException($"line {line}: invalid histogram key {key}");
            }
        }

        SetBuckets(h, Enumerable.Range(0, buckets.Length).Select(k => (offset + k, buckets[k])), positive: true);
        SetBuckets(h, Enumerable.Range(0, nBuckets.Length).Select(k => (nOffset + k, nBuckets[k])), positive: false);
        return (h, hint);
    }

    /// <summary>Sets one side's buckets from (index, count) pairs in index order, as contiguous spans.</summary>
    public static void SetBuckets(FloatHistogram h, IEnumerable<(int Index, double Count)> buckets, bool positive)
    {
        var spans = new List<HistogramSpan>();
        var counts = new List<double>();
        var last = int.MinValue;
        foreach (var (index, count) in buckets)
        {
            if (spans.Count > 0 && index == last + 1)
            {
                spans[^1] = spans[^1] with { Length = spans[^1].Length + 1 };
            }
            else
            {
                spans.Add(new HistogramSpan(spans.Count == 0 ? index : index - last - 1, 1));
            }

            counts.Add(count);
            last = index;
        }

        if (positive)
        {
            h.PositiveSpans = [.. spans];
            h.PositiveBuckets = [.. counts];
        }
        else
        {
            h.NegativeSpans = [.. spans];
            h.NegativeBuckets = [.. counts];
        }
    }

    /// <summary>The (index, count) pairs of one side, in index order.</summary>
    public static IEnumerable<(int Index, double Count)> Buckets(FloatHistogram h, bool positive)
    {
        var spans = positive ? h.PositiveSpans : h.NegativeSpans;
        var counts = positive ? h.PositiveBuckets : h.NegativeBuckets;
        var index = 0;
        var k = 0;
        for (var s = 0; s < spans.Length; s++)
        {
            index += spans[s].Offset;
            for (var j = 0; j < spans[s].Length; j++)
            {
                yield return (index, counts[k++]);
                index++;
            }
        }
    }

    private static double Num(string s, int line) =>
        ScriptReader.TryParseNumber(s, out var v) ? v : throw new FormatException($"line {line}: invalid number \"{s}\"");

    private static double[] List(string s, int line) =>
        [.. s.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(x => Num(x, line))];
}
