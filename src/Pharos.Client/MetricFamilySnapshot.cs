using Pharos.Client.Exposition;

namespace Pharos.Client;

/// <summary>A metric family produced by an <see cref="ICollector"/>: metadata plus points. Immutable.</summary>
public sealed class MetricFamilySnapshot
{
    /// <summary>Creates a family snapshot.</summary>
    /// <param name="name">The family name (legacy charset); counters should end in <c>_total</c>.</param>
    /// <param name="type">The type; each point must carry the fields for it.</param>
    /// <param name="help">The help text.</param>
    /// <param name="points">The series.</param>
    /// <param name="unit">The unit, or null.</param>
    public MetricFamilySnapshot(string name, MetricType type, string help, IReadOnlyList<MetricPoint> points, string? unit = null)
    {
        MetricNames.ValidateMetricName(name);
        ArgumentNullException.ThrowIfNull(points);
        Family = new FamilyMetadata(name, help, type, unit);
        Points = points;
    }

    /// <summary>The family name as exposed in the Prometheus text format.</summary>
    public string Name => Family.Name;

    /// <summary>The type.</summary>
    public MetricType Type => Family.Type;

    /// <summary>The series.</summary>
    public IReadOnlyList<MetricPoint> Points { get; }

    internal FamilyMetadata Family { get; }

    internal void WriteTo(MetricWriter writer)
    {
        if (Points.Count == 0)
        {
            return;
        }

        writer.BeginFamily(Family);
        foreach (var point in Points)
        {
            var labels = point.LabelSet;
            switch (Family.Type)
            {
                case MetricType.Counter:
                    writer.WriteCounter(labels, point.Value, null, double.NaN, point.TimestampMs);
                    break;
                case MetricType.Histogram:
                    var buckets = point.Buckets ?? [];
                    var bounds = new double[buckets.Count];
                    var counts = new long[buckets.Count];
                    for (var i = 0; i < buckets.Count; i++)
                    {
                        (bounds[i], counts[i]) = (buckets[i].UpperBound, buckets[i].CumulativeCount);
                    }

                    writer.WriteHistogram(labels, bounds, counts, point.Sum, [], double.NaN, point.TimestampMs);
                    break;
                case MetricType.Summary:
                    var quantiles = point.Quantiles ?? [];
                    writer.WriteSummary(labels, [.. quantiles.Select(q => q.Quantile)], [.. quantiles.Select(q => q.Value)], point.Count, point.Sum, double.NaN, point.TimestampMs);
                    break;
                case MetricType.Info:
                    writer.WriteInfo(labels);
                    break;
                default:
                    writer.WriteGauge(labels, point.Value, point.TimestampMs);
                    break;
            }
        }

        writer.EndFamily();
    }
}
