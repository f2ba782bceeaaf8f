using Pharos.PromQL.Engine;

namespace Pharos.PromQL.Functions;

/// <summary>Functions over a window of float samples (<c>rate</c>, <c>*_over_time</c>, …) with upstream's numerics.</summary>
internal static class RangeFunctions
{
    /// <summary>Whether the function's result keeps the metric name (upstream keeps it only for these).</summary>
    public static bool KeepsName(string name) => name is "last_over_time" or "first_over_time";

    /// <summary>
    /// Evaluates a float range function over <paramref name="f"/> (timestamps ascending, stale markers removed).
    /// </summary>
    /// <returns>False when the function yields no sample for this window.</returns>
    public static bool TryEvaluate(string name, in WindowContext w, ReadOnlySpan<FPoint> f, ReadOnlySpan<double> args, out double value)
    {
        value = 0;
        switch (name)
        {
            case "rate":
                return ExtrapolatedRate(w, f, isCounter: true, isRate: true, out value);
            case "increase":
                return ExtrapolatedRate(w, f, isCounter: true, isRate: false, out value);
            case "delta":
                return ExtrapolatedRate(w, f, isCounter: false, isRate: false, out value);
            case "irate":
                return InstantValue(f, isRate: true, out value);
            case "idelta":
                return InstantValue(f, isRate: false, out value);
            case "deriv":
                if (f.Length < 2)
                {
                    return false;
                }

                (value, _) = LinearRegression(f, f[0].TimestampMs);
                return true;
            case "predict_linear":
                if (f.Length < 2)
                {
                    return false;
                }

                var (slope, intercept) = LinearRegression(f, w.StepMs);
                value = (slope * args[0]) + intercept;
                return true;
            case "double_exponential_smoothing":
                return DoubleExponentialSmoothing(f, args[0], args[1], out value);
            case "resets":
                value = Resets(f);
                return f.Length > 0;
            case "changes":
                value = Changes(f);
                return f.Length > 0;
            case "count_over_time":
                value = f.Length;
                return f.Length > 0;
            case "present_over_time":
                value = 1;
                return f.Length > 0;
        }

        if (f.Length == 0)
        {
            return false;
        }

        switch (name)
        {
            case "sum_over_time":
                {
                    double sum = 0, c = 0;
                    foreach (var p in f)
                    {
                        sum = KahanSum.Inc(p.Value, sum, ref c);
                    }

                    value = double.IsInfinity(sum) ? sum : sum + c;
                    return true;
                }

            case "avg_over_time":
                value = Average(f);
                return true;
            case "min_over_time":
                value = f[0].Value;
                foreach (var p in f)
                {
                    if (p.Value < value || double.IsNaN(value))
                    {
                        value = p.Value;
                    }
                }

                return true;
            case "max_over_time":
                value = f[0].Value;
                foreach (var p in f)
                {
                    if (p.Value > value || double.IsNaN(value))
                    {
                        value = p.Value;
                    }
                }

                return true;
            case "stddev_over_time":
                value = Math.Sqrt(Variance(f));
                return true;
            case "stdvar_over_time":
                value = Variance(f);
                return true;
            case "quantile_over_time":
                {
                    var values = Values(f);
                    value = Quantiles.Quantile(args[0], values);
                    return true;
                }

            case "mad_over_time":
                {
                    var values = Values(f);
                    if (Array.Exists(values, double.IsNaN))
                    {
                        // A NaN sample poisons the deviation instead of sorting to one end.
                        value = double.NaN;
                        return true;
                    }

                    var median = Quantiles.Quantile(0.5, values);
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = Math.Abs(values[i] - median);
                    }

                    value = Quantiles.Quantile(0.5, values);
                    return true;
                }

            case "last_over_time":
                value = f[^1].Value;
                return true;
            case "first_over_time":
                value = f[0].Value;
                return true;
            case "ts_of_last_over_time":
                value = f[^1].TimestampMs / 1000.0;
                return true;
            case "ts_of_first_over_time":
                value = f[0].TimestampMs / 1000.0;
                return true;
            case "ts_of_max_over_time":
            case "ts_of_min_over_time":
                {
                    var best = f[0];
                    var max = name == "ts_of_max_over_time";
                    foreach (var p in f)
                    {
                        if ((max ? p.Value >= best.Value : p.Value <= best.Value) || double.IsNaN(best.Value))
                        {
                            best = p;
                        }
                    }

                    value = best.TimestampMs / 1000.0;
                    return true;
                }

            default:
                throw new PromQLQueryException($"function {name} is not implemented");
        }
    }

    private static double[] Values(ReadOnlySpan<FPoint> f)
    {
        var values = new double[f.Length];
        for (var i = 0; i < f.Length; i++)
        {
            values[i] = f[i].Value;
        }

        return values;
    }

    /// <summary>The mean with Kahan summation, switching to an incremental mean when the sum overflows (upstream <c>avg_over_time</c>).</summary>
    public static double Average(ReadOnlySpan<FPoint> f)
    {
        var mean = default(RunningMean);
        foreach (var p in f)
        {
            mean.Add(p.Value);
        }

        return mean.Value;
    }

    private static double Variance(ReadOnlySpan<FPoint> f)
    {
        double count = 0, mean = 0, cMean = 0, aux = 0, cAux = 0;
        foreach (var p in f)
        {
            count++;
            var delta = p.Value - (mean + cMean);
            mean = KahanSum.Inc(delta / count, mean, ref cMean);
            aux = KahanSum.Inc(delta * (p.Value - (mean + cMean)), aux, ref cAux);
        }

        return (aux + cAux) / count;
    }

    private static double Resets(ReadOnlySpan<FPoint> f)
    {
        var resets = 0;
        for (var i = 1; i < f.Length; i++)
        {
            if (f[i].Value < f[i - 1].Value)
            {
                resets++;
            }
        }

        return resets;
    }

    private static double Changes(ReadOnlySpan<FPoint> f)
    {
        var changes = 0;
        for (var i = 1; i < f.Length; i++)
        {
            var prev = f[i - 1].Value;
            var cur = f[i].Value;
            if (!(cur == prev || (double.IsNaN(cur) && double.IsNaN(prev))))
            {
                changes++;
            }
        }

        return changes;
    }

    /// <summary>rate/increase/delta with extrapolation to the window edges, as upstream's <c>extrapolatedRate</c>.</summary>
    private static bool ExtrapolatedRate(in WindowContext w, ReadOnlySpan<FPoint> f, bool isCounter, bool isRate, out double result)
    {
        result = 0;
        if (f.Length < 2)
        {
            return false;
        }

        result = f[^1].Value - f[0].Value;
        if (isCounter)
        {
            var prev = f[0].Value;
            for (var i = 1; i < f.Length; i++)
            {
                if (f[i].Value < prev)
                {
                    result += prev;
                }

                prev = f[i].Value;
            }
        }

        var durationToStart = (f[0].TimestampMs - w.RangeStartMs) / 1000.0;
        var durationToEnd = (w.RangeEndMs - f[^1].TimestampMs) / 1000.0;
        var sampledInterval = (f[^1].TimestampMs - f[0].TimestampMs) / 1000.0;
        var averageDurationBetweenSamples = sampledInterval / (f.Length - 1);

        // Extrapolate to the window edge only if the gap is not much longer than the typical sample spacing;
        // otherwise assume the series starts or ends half an interval beyond the outermost sample.
        var extrapolationThreshold = averageDurationBetweenSamples * 1.1;
        if (durationToStart >= extrapolationThreshold)
        {
            durationToStart = averageDurationBetweenSamples / 2;
        }

        if (isCounter && result > 0 && f[0].Value >= 0)
        {
            // A counter cannot go below zero: do not extrapolate further back than where it would have been 0.
            var durationToZero = sampledInterval * (f[0].Value / result);
            if (durationToZero < durationToStart)
            {
                durationToStart = durationToZero;
            }
        }

        if (durationToEnd >= extrapolationThreshold)
        {
            durationToEnd = averageDurationBetweenSamples / 2;
        }

        var factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
        if (isRate)
        {
            factor /= w.RangeSeconds;
        }

        result *= factor;
        return true;
    }

    private static bool InstantValue(ReadOnlySpan<FPoint> f, bool isRate, out double result)
    {
        result = 0;
        if (f.Length < 2)
        {
            return false;
        }

        var last = f[^1];
        var prev = f[^2];
        result = isRate && last.Value < prev.Value ? last.Value : last.Value - prev.Value;
        var sampledIntervalMs = last.TimestampMs - prev.TimestampMs;
        if (sampledIntervalMs == 0)
        {
            return false;
        }

        if (isRate)
        {
            result /= sampledIntervalMs / 1000.0;
        }

        return true;
    }

    /// <summary>Least-squares slope and intercept at <paramref name="interceptTimeMs"/>, with compensated sums (upstream <c>linearRegression</c>).</summary>
    public static (double Slope, double Intercept) LinearRegression(ReadOnlySpan<FPoint> f, long interceptTimeMs)
    {
        double n = 0, sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
        var initY = f[0].Value;
        var constY = true;
        for (var i = 0; i < f.Length; i++)
        {
            var v = f[i].Value;
            if (constY && i > 0 && v != initY)
            {
                constY = false;
            }

            n++;
            var x = (f[i].TimestampMs - interceptTimeMs) / 1e3;
            sumX = KahanSum.Inc(x, sumX, ref cX);
            sumY = KahanSum.Inc(v, sumY, ref cY);
            sumXY = KahanSum.Inc(x * v, sumXY, ref cXY);
            sumX2 = KahanSum.Inc(x * x, sumX2, ref cX2);
        }

        if (constY)
        {
            return double.IsInfinity(initY) ? (double.NaN, double.NaN) : (0, initY);
        }

        sumX += cX;
        sumY += cY;
        sumXY += cXY;
        sumX2 += cX2;
        var covXY = sumXY - (sumX * sumY / n);
        var varX = sumX2 - (sumX * sumX / n);
        var slope = covXY / varX;
        var intercept = (sumY / n) - (slope * sumX / n);
        return (slope, intercept);
    }

    private static bool DoubleExponentialSmoothing(ReadOnlySpan<FPoint> f, double sf, double tf, out double result)
    {
        result = 0;
        if (sf <= 0 || sf >= 1)
        {
            throw new PromQLQueryException($"invalid smoothing factor. Expected: 0 < sf < 1, got: {sf.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)}");
        }

        if (tf <= 0 || tf >= 1)
        {
            throw new PromQLQueryException($"invalid trend factor. Expected: 0 < tf < 1, got: {tf.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)}");
        }

        if (f.Length < 2)
        {
            return false;
        }

        double s0 = 0, s1 = f[0].Value;
        var b = f[1].Value - f[0].Value;
        for (var i = 1; i < f.Length; i++)
        {
            var x = sf * f[i].Value;
            b = i - 1 == 0 ? b : (tf * (s1 - s0)) + ((1 - tf) * b);
            var y = (1 - sf) * (s1 + b);
            s0 = s1;
            s1 = x + y;
        }

        result = s1;
        return true;
    }
}
