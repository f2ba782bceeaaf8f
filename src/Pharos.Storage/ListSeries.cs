using Pharos.Model;

namespace Pharos.Storage;

/// <summary>A series whose samples are held in memory. Immutable; thread-safe as long as the samples do not change.</summary>
public sealed class ListSeries : ISeries
{
    private readonly ReadOnlyMemory<SeriesSample> _samples;

    /// <summary>Creates a series.</summary>
    /// <param name="labels">The series labels.</param>
    /// <param name="samples">Samples in strictly increasing timestamp order; referenced, not copied.</param>
    public ListSeries(Labels labels, ReadOnlyMemory<SeriesSample> samples)
    {
        Labels = labels;
        _samples = samples;
    }

    /// <inheritdoc/>
    public Labels Labels { get; }

    /// <summary>The samples.</summary>
    public ReadOnlyMemory<SeriesSample> Samples => _samples;

    /// <summary>Creates a float series from timestamp/value pairs (which are copied).</summary>
    /// <param name="labels">The series labels.</param>
    /// <param name="samples">Samples in strictly increasing timestamp order.</param>
    /// <returns>The series.</returns>
    public static ListSeries FromFloats(Labels labels, params ReadOnlySpan<(long TimestampMs, double Value)> samples)
    {
        var array = new SeriesSample[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            array[i] = new SeriesSample(samples[i].TimestampMs, samples[i].Value);
        }

        return new ListSeries(labels, array);
    }

    /// <inheritdoc/>
    public ISampleIterator Iterator(ISampleIterator? reuse)
    {
        if (reuse is ListSeriesIterator iterator)
        {
            iterator.Reset(_samples);
            return iterator;
        }

        return new ListSeriesIterator(_samples);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Labels} ({_samples.Length} samples)";
}
