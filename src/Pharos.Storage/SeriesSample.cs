using Pharos.Model;

namespace Pharos.Storage;

/// <summary>
/// One sample of any type, for list-backed series and test fixtures: a float, or an integer or float histogram.
/// Histograms are referenced, not copied; treat them as immutable once stored.
/// </summary>
/// <param name="TimestampMs">Milliseconds since the Unix epoch.</param>
/// <param name="Value">The float value; ignored for histogram samples.</param>
/// <param name="Histogram">The integer histogram, or null.</param>
/// <param name="FloatHistogram">The float histogram, or null (ignored when <paramref name="Histogram"/> is set).</param>
public readonly record struct SeriesSample(long TimestampMs, double Value, Histogram? Histogram = null, FloatHistogram? FloatHistogram = null)
{
    /// <summary>The sample's type.</summary>
    public SampleType Type => Histogram is not null
        ? SampleType.Histogram
        : FloatHistogram is not null ? SampleType.FloatHistogram : SampleType.Float;

    /// <summary>A float sample.</summary>
    /// <param name="timestampMs">Milliseconds since the Unix epoch.</param>
    /// <param name="value">The value.</param>
    /// <returns>The sample.</returns>
    public static SeriesSample Float(long timestampMs, double value) => new(timestampMs, value);

    /// <summary>An integer histogram sample.</summary>
    /// <param name="timestampMs">Milliseconds since the Unix epoch.</param>
    /// <param name="histogram">The histogram (referenced).</param>
    /// <returns>The sample.</returns>
    public static SeriesSample Of(long timestampMs, Histogram histogram) => new(timestampMs, 0, histogram);

    /// <summary>A float histogram sample.</summary>
    /// <param name="timestampMs">Milliseconds since the Unix epoch.</param>
    /// <param name="histogram">The histogram (referenced).</param>
    /// <returns>The sample.</returns>
    public static SeriesSample Of(long timestampMs, FloatHistogram histogram) => new(timestampMs, 0, null, histogram);
}
