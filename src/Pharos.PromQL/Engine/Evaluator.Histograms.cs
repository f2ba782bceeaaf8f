using System.Globalization;
using Pharos.Model;
using Pharos.PromQL.Functions;
using Pharos.PromQL.Parser;

namespace Pharos.PromQL.Engine;

internal sealed partial class Evaluator
{
    private List<Series> EvalHistogramQuantile(Call c)
    {
        var warnedQuantile = false;
        return RangeEval(c.Args, (ts, v, output) =>
        {
            var q = v[0].Count > 0 ? v[0][0].Value : double.NaN;
            if (!warnedQuantile && (q < 0 || q > 1 || double.IsNaN(q)))
            {
                Annotations.AddWarning($"quantile value should be between 0 and 1, got {GoNumberFormat.FormatG(q)}");
                warnedQuantile = true;
            }

            var groups = new Dictionary<Labels, (List<(double, double)> Buckets, string Name)>();
            var order = new List<Labels>();
            foreach (var s in v[1])
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

                var key = new LabelsBuilder(s.Metric).Delete(LabelNames.BucketUpperBound, LabelNames.MetricName, "__type__", "__unit__").ToLabels();
                if (!groups.TryGetValue(key, out var g))
                {
                    g = ([], s.Metric.MetricName);
                    groups[key] = g;
                    order.Add(key);
                }

                g.Buckets.Add((upper, s.Value));
            }

            foreach (var key in order)
            {
                var (buckets, metricName) = groups[key];
                var (value, forced, _) = Quantiles.BucketQuantile(q, buckets);
                if (forced)
                {
                    Annotations.AddInfo($"input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name \"{metricName}\"");
                }

                output.Add(new Sample(key, ts, value));
            }
        });
    }

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
