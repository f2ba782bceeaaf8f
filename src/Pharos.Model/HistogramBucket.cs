using System.Globalization;

namespace Pharos.Model;

/// <summary>
/// One bucket of a native histogram with its boundaries. Exponential buckets are open at the bound nearer zero
/// and closed at the other; the zero bucket is closed on both sides.
/// </summary>
/// <param name="Lower">Lower boundary.</param>
/// <param name="Upper">Upper boundary.</param>
/// <param name="LowerInclusive">Whether <paramref name="Lower"/> belongs to the bucket.</param>
/// <param name="UpperInclusive">Whether <paramref name="Upper"/> belongs to the bucket.</param>
/// <param name="Count">Observations in the bucket (absolute, not a delta).</param>
/// <param name="Index">The bucket index within its schema and sign; 0 for the zero bucket.</param>
public readonly record struct HistogramBucket(
    double Lower,
    double Upper,
    bool LowerInclusive,
    bool UpperInclusive,
    double Count,
    int Index)
{
    /// <summary>Formats as Prometheus does, e.g. <c>(1,2]:3</c>.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(LowerInclusive ? '[' : '(')}{GoFloat.FormatG(Lower)},{GoFloat.FormatG(Upper)}{(UpperInclusive ? ']' : ')')}:{GoFloat.FormatG(Count)}");
}
