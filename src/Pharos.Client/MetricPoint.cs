namespace Pharos.Client;

/// <summary>
/// One series of a <see cref="MetricFamilySnapshot"/>. Create with the factory matching the family type:
/// <see cref="Sample"/> for counters, gauges, unknown, info and state sets (one point per state, the state label
/// included), <see cref="ForHistogram"/> and <see cref="ForSummary"/>.
/// </summary>
public sealed class MetricPoint
{
    private MetricPoint(IEnumerable<KeyValuePair<string, string>>? labels)
    {
        var list = labels?.ToList() ?? [];
        foreach (var (name, value) in list)
        {
            if (!MetricNames.IsValidLabelName(name))
            {
                MetricNames.ThrowInvalid($"'{name}' is not a valid label name.", nameof(labels));
            }

            ArgumentNullException.ThrowIfNull(value);
        }

        Labels = list;
        LabelSet = list.Count == 0 ? LabelSet.Empty : new LabelSet([.. list.Select(p => p.Key)], [.. list.Select(p => p.Value)]);
    }

    /// <summary>The series labels.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; }

    /// <summary>The value of a counter, gauge, unknown or state point.</summary>
    public double Value { get; private init; }

    /// <summary>The histogram buckets, cumulative, ending with +Inf.</summary>
    public IReadOnlyList<HistogramBucket>? Buckets { get; private init; }

    /// <summary>The summary quantiles.</summary>
    public IReadOnlyList<SummaryQuantile>? Quantiles { get; private init; }

    /// <summary>The observation count of a summary (a histogram's is its +Inf bucket).</summary>
    public long Count { get; private init; }

    /// <summary>The observation sum of a histogram or summary.</summary>
    public double Sum { get; private init; }

    /// <summary>An explicit sample timestamp in Unix milliseconds, or null for scrape time (the usual case).</summary>
    public long? TimestampMs { get; private init; }

    internal LabelSet LabelSet { get; }

    /// <summary>Creates a single-value point.</summary>
    /// <param name="value">The value.</param>
    /// <param name="labels">The labels, or null.</param>
    /// <param name="timestampMs">An explicit timestamp, or null.</param>
    /// <returns>The point.</returns>
    public static MetricPoint Sample(double value, IEnumerable<KeyValuePair<string, string>>? labels = null, long? timestampMs = null) =>
        new(labels) { Value = value, TimestampMs = timestampMs };

    /// <summary>Creates a histogram point.</summary>
    /// <param name="buckets">Cumulative buckets in increasing bound order; a +Inf bucket is required last.</param>
    /// <param name="sum">The sum of observations.</param>
    /// <param name="labels">The labels, or null.</param>
    /// <returns>The point.</returns>
    public static MetricPoint ForHistogram(IReadOnlyList<HistogramBucket> buckets, double sum, IEnumerable<KeyValuePair<string, string>>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        if (buckets.Count == 0 || !double.IsPositiveInfinity(buckets[^1].UpperBound))
        {
            MetricNames.ThrowInvalid("A histogram point needs a +Inf bucket last.", nameof(buckets));
        }

        return new(labels) { Buckets = buckets, Sum = sum, Count = buckets[^1].CumulativeCount };
    }

    /// <summary>Creates a summary point.</summary>
    /// <param name="quantiles">The quantile estimates.</param>
    /// <param name="count">The observation count.</param>
    /// <param name="sum">The observation sum.</param>
    /// <param name="labels">The labels, or null.</param>
    /// <returns>The point.</returns>
    public static MetricPoint ForSummary(IReadOnlyList<SummaryQuantile> quantiles, long count, double sum, IEnumerable<KeyValuePair<string, string>>? labels = null) =>
        new(labels) { Quantiles = quantiles ?? [], Count = count, Sum = sum };
}
