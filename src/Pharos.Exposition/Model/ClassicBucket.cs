using Pharos.Model;

namespace Pharos.Exposition.Model;

/// <summary>One bucket of a classic (non-native) histogram: cumulative count of observations at or below the upper bound.</summary>
/// <param name="UpperBound">The inclusive upper bound, the value of the <c>le</c> label.</param>
/// <param name="CumulativeCount">Observations at or below <paramref name="UpperBound"/>.</param>
/// <param name="Exemplar">The bucket's exemplar, if any.</param>
public readonly record struct ClassicBucket(double UpperBound, double CumulativeCount, Exemplar? Exemplar = null);
