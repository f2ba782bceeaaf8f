using System.Globalization;
using Pharos.Model;
using Pharos.Storage;

namespace Pharos.PromQL.Tests.Conformance;

/// <summary>Builds the native histograms with custom buckets that <c>load_with_nhcb</c> adds from classic histogram series.</summary>
internal static class Nhcb
{
    public static IEnumerable<(Labels Labels, List<SeriesSample> Samples)> Convert(LoadCommand load)
    {
        var groups = new Dictionary<Labels, List<(string Kind, double Le, SeriesLine Line)>>();
        foreach (var series in load.Series)
        {
            var name = series.Labels.MetricName;
            string? kind = null;
            foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
            {
                if (name.EndsWith(suffix, StringComparison.Ordinal))
                {
                    kind = suffix;
                    break;
                }
            }

            if (kind is null)
            {
                continue;
            }

            var le = double.NaN;
            if (kind == "_bucket" && !TryParseLe(series.Labels.Get("le"), out le))
            {
                continue;
            }

            var baseLabels = new LabelsBuilder(series.Labels).Set(LabelNames.MetricName, name[..^kind.Length]).Delete("le").ToLabels();
            if (!groups.TryGetValue(baseLabels, out var list))
            {
                groups[baseLabels] = list = [];
            }

            list.Add((kind, le, series));
        }

        foreach (var (labels, members) in groups)
        {
            var times = new SortedSet<int>();
            foreach (var m in members)
            {
                for (var i = 0; i < m.Line.Positions.Length; i++)
                {
                    if (!m.Line.Positions[i].Omitted && m.Line.Positions[i].Histogram is null)
                    {
                        times.Add(i);
                    }
                }
            }

            var samples = new List<SeriesSample>();
            foreach (var i in times)
            {
                var bounds = new SortedDictionary<double, double>();
                double? count = null, sum = null;
                foreach (var m in members)
                {
                    if (i >= m.Line.Positions.Length || m.Line.Positions[i] is { Omitted: true } or { Histogram: not null })
                    {
                        continue;
                    }

                    var v = m.Line.Positions[i].Value;
                    switch (m.Kind)
                    {
                        case "_bucket":
                            bounds.TryAdd(m.Le, v);
                            break;
                        case "_count":
                            count = v;
                            break;
                        default:
                            sum = v;
                            break;
                    }
                }

                var total = count ?? (bounds.Count > 0 ? bounds.Last().Value : 0);
                if (!bounds.ContainsKey(double.PositiveInfinity))
                {
                    bounds[double.PositiveInfinity] = total;
                }

                var h = new FloatHistogram { Schema = -53, Count = total, Sum = sum ?? 0 };
                h.CustomValues = [.. bounds.Keys.Where(double.IsFinite)];
                var prev = 0.0;
                var buckets = new List<(int, double)>();
                var idx = 0;
                foreach (var (_, cumulative) in bounds)
                {
                    var c = cumulative - prev;
                    prev = cumulative;
                    if (c != 0)
                    {
                        buckets.Add((idx, c));
                    }

                    idx++;
                }

                HistogramLiteral.SetBuckets(h, buckets, positive: true);
                samples.Add(SeriesSample.Of(i * load.IntervalMs, h));
            }

            if (samples.Count > 0)
            {
                yield return (labels, samples);
            }
        }
    }

    private static bool TryParseLe(string text, out double value)
    {
        if (ScriptReader.TryParseNumber(text, out value) && !double.IsNaN(value))
        {
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsNaN(value);
    }
}
