using Pharos.Model;

namespace Pharos.PromQL.Tests.Conformance;

/// <summary>The histogram addition the DSL's <c>{{H}}+{{D}}xN</c> series need (buckets aligned by index).</summary>
internal static class HistogramArithmetic
{
    public static FloatHistogram Combine(FloatHistogram h, FloatHistogram d, int sign)
    {
        var r = h.Copy();
        r.Count = h.Count + (sign * d.Count);
        r.Sum = h.Sum + (sign * d.Sum);
        r.ZeroCount = h.ZeroCount + (sign * d.ZeroCount);
        r.ZeroThreshold = Math.Max(h.ZeroThreshold, d.ZeroThreshold);
        var diff = d.Schema - h.Schema;
        if (h.Schema == -53 || d.Schema == -53)
        {
            diff = 0;
        }

        r.CounterResetHint = (h.CounterResetHint, d.CounterResetHint) switch
        {
            var (a, b) when a == b => a,
            (CounterResetHint.Gauge, _) or (_, CounterResetHint.Gauge) => CounterResetHint.Gauge,
            _ => CounterResetHint.Unknown,
        };
        foreach (var positive in new[] { true, false })
        {
            var map = new SortedDictionary<int, double>();
            foreach (var (i, c) in HistogramLiteral.Buckets(h, positive))
            {
                map[i] = c;
            }

            foreach (var (i, c) in HistogramLiteral.Buckets(d, positive))
            {
                var target = diff > 0 ? ((i - 1) >> diff) + 1 : i;
                map[target] = map.GetValueOrDefault(target) + (sign * c);
            }

            HistogramLiteral.SetBuckets(r, map.Select(kv => (kv.Key, kv.Value)), positive);
        }

        return r;
    }
}
