using System.Globalization;
using Pharos.Model;
using Pharos.PromQL.Functions;
using Pharos.PromQL.Parser;

namespace Pharos.PromQL.Engine;

internal sealed partial class Evaluator
{
    private const string MonotonicityInfo =
        "input to {0} needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name \"{1}\"";

    /// <summary>The classic histogram buckets of one step grouped by their labels without <c>le</c>.</summary>
    private sealed record BucketGroup(Labels Output, string MetricName, List<(double UpperBound, double Count)> Buckets);

    /// <summary>
    /// Groups float samples into classic histograms. The name stays in the grouping key, so two histograms that only
    /// differ by name give two outputs with the same labels, which upstream rejects.
    /// </summary>
    private List<BucketGroup> ClassicBucketGroups(List<Sample> vector)
    {
        var groups = new Dictionary<Labels, BucketGroup>();
        var order = new List<BucketGroup>();
        foreach (var s in vector)
        {
            if (s.Histogram is not null)
            {
                continue;
            }

            var le = s.Metric.Get(LabelNames.BucketUpperBound);
            if (!TryParseGoFloat(le, out var upper))
            {
                Annotations.AddWarning($"bucket label \"le\" is missing or has a malformed value of \"{le}\" for metric name \"{s.Metric.MetricName}\"");
                continue;
            }

            var key = new LabelsBuilder(s.Metric).Delete(LabelNames.BucketUpperBound).ToLabels();
            if (!groups.TryGetValue(key, out var g))
            {
                g = new BucketGroup(WithoutName(key), s.Metric.MetricName, []);
                groups[key] = g;
                order.Add(g);
            }

            g.Buckets.Add((upper, s.Value));
        }

        return order;
    }

    private void WarnQuantile(double q, ref bool warned)
    {
        if (!warned && (q < 0 || q > 1 || double.IsNaN(q)))
        {
            Annotations.AddWarning($"quantile value should be between 0 and 1, got {GoNumberFormat.FormatG(q)}");
            warned = true;
        }
    }

    private List<Series> EvalHistogramQuantile(Call c)
    {
        var warnedQuantile = false;
        return RangeEval(c.Args, (ts, v, output) =>
        {
            var q = v[0].Count > 0 ? v[0][0].Value : double.NaN;
            WarnQuantile(q, ref warnedQuantile);
            foreach (var g in ClassicBucketGroups(v[1]))
            {
                var (value, forced, _) = Quantiles.BucketQuantile(q, g.Buckets);
                if (forced)
                {
                    Annotations.AddInfo(string.Format(CultureInfo.InvariantCulture, MonotonicityInfo, "histogram_quantile", g.MetricName));
                }

                output.Add(new Sample(g.Output, ts, value));
            }
        });
    }

    /// <summary><c>histogram_quantiles(v, "label", q1, …)</c>: one output per quantile, labelled with it.</summary>
    private List<Series> EvalHistogramQuantiles(Call c)
    {
        var label = StringArg(c.Args[1]);
        var warned = new bool[c.Args.Length];
        return RangeEval(c.Args, (ts, v, output) =>
        {
            var qs = new double[c.Args.Length - 2];
            for (var i = 0; i < qs.Length; i++)
            {
                qs[i] = v[i + 2].Count > 0 ? v[i + 2][0].Value : double.NaN;
                WarnQuantile(qs[i], ref warned[i + 2]);
            }

            foreach (var g in ClassicBucketGroups(v[0]))
            {
                var forcedAny = false;
                foreach (var q in qs)
                {
                    var (value, forced, _) = Quantiles.BucketQuantile(q, g.Buckets);
                    forcedAny |= forced;
                    output.Add(new Sample(new LabelsBuilder(g.Output).Set(label, QuantileLabel(q)).ToLabels(), ts, value));
                }

                if (forcedAny)
                {
                    Annotations.AddInfo(string.Format(CultureInfo.InvariantCulture, MonotonicityInfo, "histogram_quantiles", g.MetricName));
                }
            }
        });
    }

    /// <summary>The label value of a quantile: the shortest decimal form, with <c>.0</c> for whole numbers.</summary>
    private static string QuantileLabel(double q)
    {
        if (double.IsNaN(q) || double.IsInfinity(q))
        {
            return GoNumberFormat.FormatG(q);
        }

        var text = q.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary><c>histogram_fraction(lower, upper, v)</c> on classic buckets.</summary>
    private List<Series> EvalHistogramFraction(Call c) => RangeEval(c.Args, (ts, v, output) =>
    {
        var lower = v[0].Count > 0 ? v[0][0].Value : double.NaN;
        var upper = v[1].Count > 0 ? v[1][0].Value : double.NaN;
        foreach (var g in ClassicBucketGroups(v[2]))
        {
            var (value, forced) = Quantiles.BucketFraction(lower, upper, g.Buckets);
            if (forced)
            {
                Annotations.AddInfo(string.Format(CultureInfo.InvariantCulture, MonotonicityInfo, "histogram_fraction", g.MetricName));
            }

            output.Add(new Sample(g.Output, ts, value));
        }
    });

    /// <summary>Parses a float as Go's <c>strconv.ParseFloat</c> does for <c>le</c> labels (<c>+Inf</c>, <c>.5</c>, <c>1e3</c>).</summary>
    internal static bool TryParseGoFloat(string text, out double value)
    {
        var body = text.Length > 0 && text[0] is '+' or '-' ? text.AsSpan(1) : text.AsSpan();
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        foreach (var ch in body)
        {
            if (!(char.IsAsciiDigit(ch) || ch is '.' or 'e' or 'E' or '+' or '-' or '_'))
            {
                value = 0;
                return false;
            }
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
