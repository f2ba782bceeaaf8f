namespace Pharos.Model;

/// <summary>
/// A native (sparse, exponential-bucket) histogram with float counts, as PromQL computes with it. Bucket counts are
/// absolute (not delta-encoded). Schema -53 means custom bucket boundaries in <see cref="CustomValues"/>.
/// </summary>
public sealed class FloatHistogram
{
    /// <summary>The schema: -4..8 for exponential buckets (growth factor 2^(2^-schema)), -53 for custom buckets.</summary>
    public int Schema { get; set; }

    /// <summary>Observations with an absolute value at or below this go to the zero bucket.</summary>
    public double ZeroThreshold { get; set; }

    /// <summary>Count of the zero bucket.</summary>
    public double ZeroCount { get; set; }

    /// <summary>Total number of observations.</summary>
    public double Count { get; set; }

    /// <summary>Sum of observations.</summary>
    public double Sum { get; set; }

    /// <summary>What is known about a counter reset before this sample.</summary>
    public CounterResetHint CounterResetHint { get; set; }

    /// <summary>Spans of populated positive buckets.</summary>
    public HistogramSpan[] PositiveSpans { get; set; } = [];

    /// <summary>Spans of populated negative buckets.</summary>
    public HistogramSpan[] NegativeSpans { get; set; } = [];

    /// <summary>Absolute counts of the positive buckets, one per bucket covered by <see cref="PositiveSpans"/>.</summary>
    public double[] PositiveBuckets { get; set; } = [];

    /// <summary>Absolute counts of the negative buckets, one per bucket covered by <see cref="NegativeSpans"/>.</summary>
    public double[] NegativeBuckets { get; set; } = [];

    /// <summary>Upper bounds of the custom buckets when <see cref="Schema"/> is -53; otherwise empty.</summary>
    public double[] CustomValues { get; set; } = [];
}
