using Pharos.Model;
using Pharos.PromQL.Functions;
using Pharos.PromQL.Parser;
using Pharos.Storage;

namespace Pharos.PromQL.Engine;

internal sealed partial class Evaluator
{
    private static readonly string[] AnchoredFunctions = ["changes", "delta", "increase", "rate", "resets"];
    private static readonly string[] SmoothedFunctions = ["delta", "increase", "rate"];

    private object EvalCall(Call c)
    {
        var name = c.Function.Name;
        switch (name)
        {
            case "time":
                return StepScalar(ts => ts / 1000.0);
            case "pi":
                return ConstantScalar(Math.PI);
            case "start":
                return ConstantScalar(_query.StartMs / 1000.0);
            case "end":
                return ConstantScalar(_query.EndMs / 1000.0);
            case "range":
                return ConstantScalar((_query.EndMs - _query.StartMs) / 1000.0);
            case "step":
                return ConstantScalar(_query.StepMs / 1000.0);
            case "min_of":
            case "max_of":
                return ScalarBinary(c.Args[0], c.Args[1], name == "min_of" ? Math.Min : Math.Max);
            case "timestamp" when Unwrap(c.Args[0]) is VectorSelector vs:
                return EvalTimestampOfSelector(vs);
            case "absent_over_time":
                return EvalAbsentOverTime(c);
        }

        var matrixArg = Array.FindIndex(c.Args, a => a.Type == Parser.ValueType.Matrix);
        if (matrixArg >= 0)
        {
            return EvalRangeFunction(c, matrixArg);
        }

        return EvalVectorFunction(c);
    }

    private static Expr Unwrap(Expr e)
    {
        while (e is ParenExpr p)
        {
            e = p.Expr;
        }

        return e;
    }

    private List<Series> StepScalar(Func<long, double> f)
    {
        var s = new Series(Labels.Empty);
        for (var ts = StartMs; ts <= EndMs; ts += IntervalMs)
        {
            s.Floats.Add(new FPoint(ts, f(ts)));
        }

        return [s];
    }

    private List<Series> ScalarBinary(Expr a, Expr b, Func<double, double, double> f)
    {
        var x = EvalScalarSteps(a);
        var y = EvalScalarSteps(b);
        return StepScalar(ts => f(x[StepIndex(ts)], y[StepIndex(ts)]));
    }

    private List<Series> EvalTimestampOfSelector(VectorSelector vs)
    {
        // timestamp() of a plain selector reports the sample's own time, not the step's.
        var offset = DurationMs(vs.OffsetMs, vs.OffsetExpr);
        var at = AtMs(vs.TimestampMs, vs.At);
        var lookback = _query.LookbackMs;
        var raw = Select(vs, (at ?? StartMs) - offset - lookback + 1, (at ?? EndMs) - offset, 0);
        var result = new List<Series>();
        foreach (var r in raw)
        {
            var s = new Series(r.Labels);
            for (var ts = StartMs; ts <= EndMs; ts += IntervalMs)
            {
                var refT = (at ?? ts) - offset;
                var fi = UpperBound(r.Floats, refT) - 1;
                var hi = UpperBound(r.Histograms, refT) - 1;
                var ft = fi >= 0 ? r.Floats[fi].TimestampMs : long.MinValue;
                var ht = hi >= 0 ? r.Histograms[hi].TimestampMs : long.MinValue;
                var t = Math.Max(ft, ht);
                if (t == long.MinValue || t <= refT - lookback)
                {
                    continue;
                }

                var stale = ft >= ht ? StaleMarker.IsStaleNaN(r.Floats[fi].Value) : StaleMarker.IsStaleNaN(r.Histograms[hi].Histogram.Sum);
                if (!stale)
                {
                    s.Floats.Add(new FPoint(ts, t / 1000.0));
                }
            }

            if (s.PointCount > 0)
            {
                DropName(s);
                CountPoints(s);
                result.Add(s);
            }
        }

        return result;
    }

    private List<WindowSeries> RangeArgument(Expr arg) => Unwrap(arg) switch
    {
        MatrixSelector ms => SelectWindows(ms),
        SubqueryExpr sq => EvalSubqueryWindows(sq),
        var other => throw new PromQLQueryException($"unexpected range argument {other}"),
    };

    private List<Series> EvalRangeFunction(Call c, int matrixArg)
    {
        var name = c.Function.Name;
        if (Unwrap(c.Args[matrixArg]) is MatrixSelector { VectorSelector: var sel })
        {
            if (sel.Anchored && !AnchoredFunctions.Contains(name))
            {
                throw new PromQLQueryException($"anchored modifier can only be used with: {string.Join(", ", AnchoredFunctions)} - not with {name}");
            }

            if (sel.Smoothed && !SmoothedFunctions.Contains(name))
            {
                throw new PromQLQueryException($"smoothed modifier can only be used with: {string.Join(", ", SmoothedFunctions)} - not with {name}");
            }
        }

        var scalarArgs = new double[c.Args.Length][];
        for (var i = 0; i < c.Args.Length; i++)
        {
            if (i != matrixArg && c.Args[i].Type == Parser.ValueType.Scalar)
            {
                scalarArgs[i] = EvalScalarSteps(c.Args[i]);
            }
        }

        var windows = RangeArgument(c.Args[matrixArg]);
        var args = new double[c.Args.Length];
        var keepName = RangeFunctions.KeepsName(name);
        var result = new List<Series>(windows.Count);
        var warnedQuantile = false;
        foreach (var w in windows)
        {
            var s = new Series(w.Labels) { DropName = w.DropName };
            var floats = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(w.Floats);
            var histograms = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(w.Histograms);
            s.Floats.EnsureCapacity(Math.Min(StepCount, w.Floats.Count));

            // Window bounds only move forward from step to step: slide them instead of searching each step.
            int lo = 0, hi = 0, hlo = 0, hhi = 0;
            for (var ts = StartMs; ts <= EndMs; ts += IntervalMs)
            {
                var step = StepIndex(ts);
                var k = 0;
                for (var i = 0; i < c.Args.Length; i++)
                {
                    if (i != matrixArg && scalarArgs[i] is { } sa)
                    {
                        args[k++] = sa[step];
                    }
                }

                if (name == "quantile_over_time" && !warnedQuantile && (args[0] < 0 || args[0] > 1 || double.IsNaN(args[0])))
                {
                    Annotations.AddWarning($"quantile value should be between 0 and 1, got {GoNumberFormat.FormatG(args[0])}");
                    warnedQuantile = true;
                }

                if ((w.Anchored || w.Smoothed) && FloatsOnlyAround(w, ts))
                {
                    if (TryEvalExtendedRange(name, w, ts, out var extendedValue))
                    {
                        s.Floats.Add(new FPoint(ts, extendedValue));
                    }

                    continue;
                }

                var refT = (w.AtMs ?? ts) - w.OffsetMs;
                Slide(floats, refT - w.RangeMs, refT, ref lo, ref hi);
                Slide(histograms, refT - w.RangeMs, refT, ref hlo, ref hhi);
                CountSamples(ts, hi - lo + hhi - hlo);
                if (hhi > hlo)
                {
                    if (name is "last_over_time" or "first_over_time" && hi == lo)
                    {
                        s.Histograms.Add(new HPoint(ts, w.Histograms[name == "last_over_time" ? hhi - 1 : hlo].Histogram));
                        continue;
                    }

                    if (name is "count_over_time" or "present_over_time" && hi == lo)
                    {
                        s.Floats.Add(new FPoint(ts, name == "present_over_time" ? 1 : hhi - hlo));
                        continue;
                    }

                    // Native-histogram range functions are not implemented yet: no sample.
                    continue;
                }

                var window = new WindowContext(ts, refT - w.RangeMs, refT);
                _query.AddSamples(hi - lo);
                if (RangeFunctions.TryEvaluate(name, window, floats[lo..hi], args.AsSpan(0, k), out var value))
                {
                    s.Floats.Add(new FPoint(ts, value));
                }

                _query.ReleaseSamples(hi - lo);
            }

            if (s.PointCount == 0)
            {
                continue;
            }

            if (!keepName)
            {
                DropName(s);
            }

            if (name is "rate" or "increase" && s.Floats.Count > 0)
            {
                var metric = w.Labels.MetricName;
                if (metric.Length > 0 && !(metric.EndsWith("_total", StringComparison.Ordinal) || metric.EndsWith("_sum", StringComparison.Ordinal)
                    || metric.EndsWith("_count", StringComparison.Ordinal) || metric.EndsWith("_bucket", StringComparison.Ordinal)))
                {
                    Annotations.AddInfo($"metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \"{metric}\"");
                }
            }

            _query.AddSamples(s.PointCount);
            result.Add(s);
        }

        return result;
    }

    private List<Series> EvalAbsentOverTime(Call c)
    {
        var windows = RangeArgument(c.Args[0]);
        var labels = AbsentLabels(c.Args[0]);
        var s = new Series(labels);
        for (var ts = StartMs; ts <= EndMs; ts += IntervalMs)
        {
            var present = false;
            foreach (var w in windows)
            {
                var (lo, hi) = WindowBounds(w.Floats, ts, w);
                var (hlo, hhi) = WindowBounds(w.Histograms, ts, w);
                if (hi > lo || hhi > hlo)
                {
                    present = true;
                    break;
                }
            }

            if (!present)
            {
                s.Floats.Add(new FPoint(ts, 1));
            }
        }

        return s.PointCount > 0 ? [s] : [];
    }

    /// <summary>The labels <c>absent()</c> reports: the equality matchers of a selector argument (not of a subquery), except duplicated names and <c>__name__</c>.</summary>
    private static Labels AbsentLabels(Expr arg)
    {
        var e = Unwrap(arg);
        VectorSelector? vs = e switch
        {
            VectorSelector v => v,
            MatrixSelector m => m.VectorSelector,
            _ => null,
        };
        if (vs is null)
        {
            return Labels.Empty;
        }

        var builder = new LabelsBuilder();
        var seen = new HashSet<string>();
        var duplicated = new HashSet<string>();
        foreach (var m in vs.Matchers)
        {
            if (m.Name == LabelNames.MetricName)
            {
                continue;
            }

            if (!seen.Add(m.Name))
            {
                duplicated.Add(m.Name);
            }

            if (m.Type == Pharos.Model.MatchType.Equal)
            {
                builder.Set(m.Name, m.Value);
            }
        }

        foreach (var d in duplicated)
        {
            builder.Delete(d);
        }

        return builder.ToLabels();
    }
}
