using Pharos.Model;

namespace Pharos.Exposition.Model;

/// <summary>
/// One metric of a family: its own labels (without <c>__name__</c>) and its value, which is a single number for
/// counters, gauges, unknown, info and stateset families, and the summary or histogram parts otherwise. Not
/// thread-safe.
/// </summary>
public sealed class MetricPoint : IEquatable<MetricPoint>
{
    /// <summary>Creates a point.</summary>
    /// <param name="labels">The labels, without <c>__name__</c>, <c>le</c> or <c>quantile</c>.</param>
    /// <param name="value">The value for single-value types.</param>
    public MetricPoint(Labels labels, double value = 0)
    {
        Labels = labels;
        Value = value;
    }

    /// <summary>The labels, without <c>__name__</c> and without the <c>le</c>/<c>quantile</c> of a bucket/quantile.</summary>
    public Labels Labels { get; set; }

    /// <summary>The value of a counter, gauge, unknown, info or stateset point.</summary>
    public double Value { get; set; }

    /// <summary>The sample timestamp in milliseconds since the Unix epoch, when the exposition carried one.</summary>
    public long? TimestampMs { get; set; }

    /// <summary>The created timestamp in milliseconds (OpenMetrics <c>_created</c>, protobuf <c>created_timestamp</c>).</summary>
    public long? CreatedTimestampMs { get; set; }

    /// <summary>Exemplars of the value (counters), or of a native histogram.</summary>
    public List<Exemplar> Exemplars { get; } = [];

    /// <summary>Observation count of a summary or histogram (<c>_count</c>, <c>_gcount</c>).</summary>
    public double Count { get; set; }

    /// <summary>Observation sum of a summary or histogram (<c>_sum</c>, <c>_gsum</c>).</summary>
    public double Sum { get; set; }

    /// <summary>Whether the summary or histogram exposed a sum (OpenMetrics makes it optional for histograms).</summary>
    public bool HasSum { get; set; } = true;

    /// <summary>Whether the summary or histogram exposed a count.</summary>
    public bool HasCount { get; set; } = true;

    /// <summary>The quantiles of a summary, in exposition order.</summary>
    public List<Quantile> Quantiles { get; } = [];

    /// <summary>The buckets of a classic histogram in exposition order, including the <c>+Inf</c> bucket if exposed.</summary>
    public List<ClassicBucket> Buckets { get; } = [];

    /// <summary>The native part of a histogram (protobuf only), or null.</summary>
    public FloatHistogram? NativeHistogram { get; set; }

    /// <inheritdoc />
    public bool Equals(MetricPoint? other) =>
        other is not null
        && Labels == other.Labels
        && SameNumber(Value, other.Value)
        && TimestampMs == other.TimestampMs
        && CreatedTimestampMs == other.CreatedTimestampMs
        && SameNumber(Count, other.Count)
        && SameNumber(Sum, other.Sum)
        && Exemplars.SequenceEqual(other.Exemplars, ExemplarComparer.Instance)
        && Quantiles.Select(q => (q.Rank, Bits(q.Value))).SequenceEqual(other.Quantiles.Select(q => (q.Rank, Bits(q.Value))))
        && Buckets.Count == other.Buckets.Count
        && Buckets.Zip(other.Buckets).All(p =>
            SameNumber(p.First.UpperBound, p.Second.UpperBound)
            && SameNumber(p.First.CumulativeCount, p.Second.CumulativeCount)
            && ExemplarComparer.Instance.Equals(p.First.Exemplar, p.Second.Exemplar))
        && SameHistogram(NativeHistogram, other.NativeHistogram);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MetricPoint);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Labels, Value, TimestampMs);

    /// <summary>A one-line description for test failure messages.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var parts = $"{Labels} value={Value} ts={TimestampMs} ct={CreatedTimestampMs}";
        if (Quantiles.Count > 0 || Buckets.Count > 0 || NativeHistogram is not null)
        {
            parts += $" count={Count} sum={Sum} q=[{string.Join(",", Quantiles)}] b=[{string.Join(",", Buckets)}]";
        }

        return parts;
    }

    // NaN equals NaN here: a round trip of a NaN sample must compare equal.
    private static bool SameNumber(double a, double b) => a.Equals(b);

    private static long Bits(double value) => double.IsNaN(value) ? long.MinValue : BitConverter.DoubleToInt64Bits(value);

    private static bool SameHistogram(FloatHistogram? a, FloatHistogram? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        return a.Schema == b.Schema
            && SameNumber(a.ZeroThreshold, b.ZeroThreshold)
            && SameNumber(a.ZeroCount, b.ZeroCount)
            && SameNumber(a.Count, b.Count)
            && SameNumber(a.Sum, b.Sum)
            && a.PositiveSpans.AsSpan().SequenceEqual(b.PositiveSpans)
            && a.NegativeSpans.AsSpan().SequenceEqual(b.NegativeSpans)
            && a.PositiveBuckets.AsSpan().SequenceEqual(b.PositiveBuckets)
            && a.NegativeBuckets.AsSpan().SequenceEqual(b.NegativeBuckets)
            && a.CustomValues.AsSpan().SequenceEqual(b.CustomValues);
    }

    private sealed class ExemplarComparer : IEqualityComparer<Exemplar?>, IEqualityComparer<Exemplar>
    {
        public static readonly ExemplarComparer Instance = new();

        public bool Equals(Exemplar? x, Exemplar? y) =>
            x.HasValue == y.HasValue && (!x.HasValue || Equals(x.GetValueOrDefault(), y.GetValueOrDefault()));

        public bool Equals(Exemplar x, Exemplar y) =>
            x.Labels == y.Labels
            && SameNumber(x.Value, y.Value)
            && x.HasTimestamp == y.HasTimestamp
            && (!x.HasTimestamp || x.TimestampMs == y.TimestampMs);

        public int GetHashCode(Exemplar? obj) => obj?.Labels.GetHashCode() ?? 0;

        public int GetHashCode(Exemplar obj) => obj.Labels.GetHashCode();
    }
}
