namespace Pharos.Model;

/// <summary>
/// A run of consecutive populated buckets in a native histogram: <paramref name="Offset"/> is the gap (in bucket
/// indexes) from the end of the previous span, or the start index for the first span.
/// </summary>
/// <param name="Offset">Gap to the previous span, or the first bucket index.</param>
/// <param name="Length">Number of consecutive buckets.</param>
public readonly record struct HistogramSpan(int Offset, uint Length);
