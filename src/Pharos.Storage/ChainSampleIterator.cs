using Pharos.Model;

namespace Pharos.Storage;

/// <summary>
/// Merges the sample iterators of one series read from several sources into one timestamp-ordered stream. Samples
/// with the same timestamp appear once: the one from the earliest iterator in the list wins. Not thread-safe;
/// allocates nothing per sample.
/// </summary>
public sealed class ChainSampleIterator : ISampleIterator
{
    private ISampleIterator[] _iterators;
    private SampleType[] _types;
    private long[] _timestamps;
    private int _count;
    private int _current = -1;
    private bool _started;
    private Exception? _error;

    /// <summary>Creates an iterator over <paramref name="iterators"/>, none of which may have been advanced yet.</summary>
    /// <param name="iterators">The iterators, in priority order for equal timestamps; the chain owns them from now on.</param>
    public ChainSampleIterator(IReadOnlyList<ISampleIterator> iterators)
    {
        ArgumentNullException.ThrowIfNull(iterators);
        _iterators = [];
        _types = [];
        _timestamps = [];
        Reset(iterators);
    }

    /// <summary>The iterators being merged, for reuse by <see cref="ChainedSeries"/>.</summary>
    internal ReadOnlySpan<ISampleIterator> Iterators => _iterators.AsSpan(0, _count);

    /// <inheritdoc/>
    public Exception? Error => _error;

    /// <summary>Points the chain at other iterators and rewinds it.</summary>
    /// <param name="iterators">The iterators, in priority order for equal timestamps.</param>
    public void Reset(IReadOnlyList<ISampleIterator> iterators)
    {
        ArgumentNullException.ThrowIfNull(iterators);
        if (_iterators.Length < iterators.Count)
        {
            _iterators = new ISampleIterator[iterators.Count];
            _types = new SampleType[iterators.Count];
            _timestamps = new long[iterators.Count];
        }

        _count = iterators.Count;
        for (var i = 0; i < _count; i++)
        {
            _iterators[i] = iterators[i];
        }

        _current = -1;
        _started = false;
        _error = null;
    }

    /// <inheritdoc/>
    public SampleType Next()
    {
        if (!_started)
        {
            _started = true;
            for (var i = 0; i < _count; i++)
            {
                Record(i, _iterators[i].Next());
            }

            return Pick();
        }

        if (_current < 0)
        {
            return SampleType.None;
        }

        // Consume the current sample everywhere it appears, so duplicates across sources are returned once.
        var last = _timestamps[_current];
        for (var i = 0; i < _count; i++)
        {
            if (_types[i] != SampleType.None && _timestamps[i] == last)
            {
                Record(i, _iterators[i].Next());
            }
        }

        return Pick();
    }

    /// <inheritdoc/>
    public SampleType Seek(long timestampMs)
    {
        if (!_started)
        {
            _started = true;
            for (var i = 0; i < _count; i++)
            {
                Record(i, _iterators[i].Seek(timestampMs));
            }

            return Pick();
        }

        if (_current < 0)
        {
            return SampleType.None;
        }

        if (_timestamps[_current] >= timestampMs)
        {
            return _types[_current];
        }

        for (var i = 0; i < _count; i++)
        {
            if (_types[i] != SampleType.None && _timestamps[i] < timestampMs)
            {
                Record(i, _iterators[i].Seek(timestampMs));
            }
        }

        return Pick();
    }

    /// <inheritdoc/>
    public (long TimestampMs, double Value) At() => _iterators[_current].At();

    /// <inheritdoc/>
    public long AtTimestamp() => _timestamps[_current];

    /// <inheritdoc/>
    public Histogram AtHistogram(Histogram? reuse) => _iterators[_current].AtHistogram(reuse);

    /// <inheritdoc/>
    public FloatHistogram AtFloatHistogram(FloatHistogram? reuse) => _iterators[_current].AtFloatHistogram(reuse);

    private void Record(int i, SampleType type)
    {
        _types[i] = type;
        if (type != SampleType.None)
        {
            _timestamps[i] = _iterators[i].AtTimestamp();
        }
        else if (_iterators[i].Error is { } error)
        {
            _error ??= error;
        }
    }

    private SampleType Pick()
    {
        if (_error is not null)
        {
            _current = -1;
            return SampleType.None;
        }

        // A linear scan: the number of sources is small (a few blocks plus the head, or a few remote reads).
        var best = -1;
        for (var i = 0; i < _count; i++)
        {
            if (_types[i] != SampleType.None && (best < 0 || _timestamps[i] < _timestamps[best]))
            {
                best = i;
            }
        }

        _current = best;
        return best < 0 ? SampleType.None : _types[best];
    }
}
