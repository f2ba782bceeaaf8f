using Pharos.Model;

namespace Pharos.Storage;

/// <summary>
/// A forward-only cursor over the samples of one series in timestamp order, as Prometheus's chunk iterator. Not
/// thread-safe. Implementations allocate nothing per sample (histogram accessors allocate only without a reuse
/// object). The accessors are valid only while the last <see cref="Next"/> or <see cref="Seek"/> returned a type
/// other than <see cref="SampleType.None"/>.
/// </summary>
public interface ISampleIterator
{
    /// <summary>Advances to the next sample.</summary>
    /// <returns>The type of the new sample, or <see cref="SampleType.None"/> when exhausted (for good).</returns>
    SampleType Next();

    /// <summary>
    /// Advances to the first sample with a timestamp at or after <paramref name="timestampMs"/>. Never moves
    /// backwards: if the current sample already qualifies it stays put, and an exhausted iterator stays exhausted.
    /// Before the first <see cref="Next"/>, seeks from the first sample.
    /// </summary>
    /// <param name="timestampMs">The timestamp to reach, in milliseconds since the Unix epoch.</param>
    /// <returns>The type of the sample found, or <see cref="SampleType.None"/> when there is none (the iterator is then exhausted).</returns>
    SampleType Seek(long timestampMs);

    /// <summary>The current float sample. Only valid when positioned on a <see cref="SampleType.Float"/>.</summary>
    /// <returns>The timestamp in milliseconds and the value.</returns>
    (long TimestampMs, double Value) At();

    /// <summary>The timestamp of the current sample, of any type.</summary>
    /// <returns>Milliseconds since the Unix epoch.</returns>
    long AtTimestamp();

    /// <summary>The current integer histogram. Only valid when positioned on a <see cref="SampleType.Histogram"/>.</summary>
    /// <param name="reuse">A histogram to overwrite and return, or null to get a new one.</param>
    /// <returns>A histogram owned by the caller: the iterator never keeps or later mutates it.</returns>
    /// <exception cref="InvalidOperationException">The current sample is not an integer histogram.</exception>
    Histogram AtHistogram(Histogram? reuse);

    /// <summary>
    /// The current histogram as a float histogram; integer histograms are converted. Valid when positioned on a
    /// <see cref="SampleType.Histogram"/> or <see cref="SampleType.FloatHistogram"/>.
    /// </summary>
    /// <param name="reuse">A histogram to overwrite and return, or null to get a new one.</param>
    /// <returns>A histogram owned by the caller: the iterator never keeps or later mutates it.</returns>
    /// <exception cref="InvalidOperationException">The current sample is not a histogram.</exception>
    FloatHistogram AtFloatHistogram(FloatHistogram? reuse);

    /// <summary>The error that ended iteration early, or null.</summary>
    Exception? Error { get; }
}
