namespace Pharos.Client;

/// <summary>A cumulative histogram bucket of a custom collector's point.</summary>
/// <param name="UpperBound">The inclusive upper bound (<c>le</c>).</param>
/// <param name="CumulativeCount">Observations less than or equal to the bound.</param>
public readonly record struct HistogramBucket(double UpperBound, long CumulativeCount);
