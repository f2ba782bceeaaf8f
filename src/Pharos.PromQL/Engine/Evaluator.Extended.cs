using Pharos.Storage;

namespace Pharos.PromQL.Engine;

/// <summary>
/// The experimental extended range selectors of Prometheus 3: <c>anchored</c> windows start at the last sample at or
/// before the window start, <c>smoothed</c> windows and selectors interpolate linearly at their ends. Neither
/// extrapolates.
/// </summary>
internal sealed partial class Evaluator
{
    /// <summary>Evaluates <c>rate</c>, <c>increase</c>, <c>delta</c>, <c>changes</c> or <c>resets</c> over an extended window at one step.</summary>
    private bool TryEvalExtendedRange(string name, WindowSeries w, long ts, out double value)
    {
        value = 0;
        var points = w.Floats;
        var endMs = (w.AtMs ?? ts) - w.OffsetMs;
        var startMs = endMs - w.RangeMs;
        var (lo, hi) = WindowBounds(points, ts, w);
        var counter = name is "rate" or "increase";
        var values = new List<double>(hi - lo + 2);
        if (w.Anchored)
        {
            if (hi == lo)
            {
                return false;
            }

            // The anchor must be within the lookback delta of the window start (left-open, like a selector).
            if (lo > 0 && points[lo - 1].TimestampMs > startMs - _query.LookbackMs)
            {
                values.Add(points[lo - 1].Value);
            }

            for (var i = lo; i < hi; i++)
            {
                values.Add(points[i].Value);
            }
        }
        else
        {
            // Smoothed needs data at or before the end and after the start.
            if (hi == 0 || lo >= points.Count)
            {
                return false;
            }

            values.Add(Interpolate(points, startMs, lo, counter));
            for (var i = lo; i < hi && points[i].TimestampMs < endMs; i++)
            {
                values.Add(points[i].Value);
            }

            values.Add(Interpolate(points, endMs, hi, counter));
        }

        switch (name)
        {
            case "changes":
            case "resets":
                var count = 0;
                for (var i = 1; i < values.Count; i++)
                {
                    var (prev, cur) = (values[i - 1], values[i]);
                    if (name == "changes" ? cur != prev && !(double.IsNaN(cur) && double.IsNaN(prev)) : cur < prev)
                    {
                        count++;
                    }
                }

                value = count;
                return true;
            case "delta":
                value = values[^1] - values[0];
                return true;
            default:
                var increase = values[^1] - values[0];
                for (var i = 1; i < values.Count; i++)
                {
                    if (values[i] < values[i - 1])
                    {
                        increase += values[i - 1];
                    }
                }

                value = name == "rate" ? increase / (w.RangeMs / 1000.0) : increase;
                return true;
        }
    }

    /// <summary>
    /// The value at <paramref name="t"/> interpolated between the last sample at or before it and the sample at
    /// <paramref name="next"/> (the first one after it). For counters a drop is a reset: the interpolation then
    /// starts from zero. Without a neighbour on one side the value of the other side is used.
    /// </summary>
    private static double Interpolate(List<FPoint> points, long t, int next, bool counter)
    {
        var prev = next - 1;
        if (prev < 0)
        {
            return points[next].Value;
        }

        var p = points[prev];
        if (next >= points.Count || p.TimestampMs == t)
        {
            return p.Value;
        }

        var n = points[next];
        var from = counter && n.Value < p.Value ? 0 : p.Value;
        return from + ((n.Value - from) * (t - p.TimestampMs) / (n.TimestampMs - p.TimestampMs));
    }

    /// <summary>A <c>smoothed</c> instant selector: each step's value is interpolated between the samples around it.</summary>
    private Series SmoothedSeries(RawSeries r, long? at, long offset)
    {
        var points = r.Floats;
        points.RemoveAll(static p => StaleMarker.IsStaleNaN(p.Value));
        var s = new Series(r.Labels);
        for (var ts = StartMs; ts <= EndMs; ts += IntervalMs)
        {
            var refT = (at ?? ts) - offset;
            var next = UpperBound(points, refT);
            if (next == 0 || points[next - 1].TimestampMs <= refT - _query.LookbackMs)
            {
                continue;
            }

            s.Floats.Add(new FPoint(ts, Interpolate(points, refT, next, counter: false)));
        }

        return s;
    }

    /// <summary>Whether an extended window and the sample before it (its anchor) hold floats only.</summary>
    private static bool FloatsOnlyAround(WindowSeries w, long ts)
    {
        if (w.Histograms.Count == 0)
        {
            return true;
        }

        if (w.Smoothed)
        {
            return false;
        }

        var (hlo, hhi) = WindowBounds(w.Histograms, ts, w);
        if (hhi > hlo)
        {
            return false;
        }

        var (lo, _) = WindowBounds(w.Floats, ts, w);
        return hlo == 0 || (lo > 0 && w.Floats[lo - 1].TimestampMs > w.Histograms[hlo - 1].TimestampMs);
    }
}
