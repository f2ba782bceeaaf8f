using Pharos.Model;

namespace Pharos.Storage;

/// <summary>
/// A sample iterator over samples held in memory, sorted by timestamp. Not thread-safe; the samples must not change
/// while iterated. Allocates nothing per sample.
/// </summary>
public sealed class ListSeriesIterator : ISampleIterator
{
    private ReadOnlyMemory<SeriesSample> _samples;
    private int _index = -1;

    /// <summary>Creates an iterator positioned before the first sample.</summary>
    /// <param name="samples">Samples in strictly increasing timestamp order; referenced, not copied.</param>
    public ListSeriesIterator(ReadOnlyMemory<SeriesSample> samples) => _samples = samples;

    /// <inheritdoc/>
    public Exception? Error => null;

    /// <summary>Points the iterator at other samples and rewinds it, so one instance can serve many series.</summary>
    /// <param name="samples">Samples in strictly increasing timestamp order; referenced, not copied.</param>
    public void Reset(ReadOnlyMemory<SeriesSample> samples)
    {
        _samples = samples;
        _index = -1;
    }

    /// <inheritdoc/>
    public SampleType Next()
    {
        if (_index >= _samples.Length)
        {
            return SampleType.None;
        }

        _index++;
        return _index < _samples.Length ? _samples.Span[_index].Type : SampleType.None;
    }

    /// <inheritdoc/>
    public SampleType Seek(long timestampMs)
    {
        if (_index < 0)
        {
            _index = 0;
        }

        var span = _samples.Span;
        if (_index >= span.Length)
        {
            return SampleType.None;
        }

        if (span[_index].TimestampMs < timestampMs)
        {
            // Binary search for the first sample at or after the target, from the current position on.
            int lo = _index + 1, hi = span.Length;
            while (lo < hi)
            {
                var mid = (int)((uint)(lo + hi) >> 1);
                if (span[mid].TimestampMs < timestampMs)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            _index = lo;
            if (_index >= span.Length)
            {
                return SampleType.None;
            }
        }

        return span[_index].Type;
    }

    /// <inheritdoc/>
    public (long TimestampMs, double Value) At()
    {
        ref readonly var s = ref _samples.Span[_index];
        return (s.TimestampMs, s.Value);
    }

    /// <inheritdoc/>
    public long AtTimestamp() => _samples.Span[_index].TimestampMs;

    /// <inheritdoc/>
    public Histogram AtHistogram(Histogram? reuse)
    {
        var h = _samples.Span[_index].Histogram ?? throw NotAHistogram();
        return HistogramCopy.CopyTo(h, reuse);
    }

    /// <inheritdoc/>
    public FloatHistogram AtFloatHistogram(FloatHistogram? reuse)
    {
        ref readonly var s = ref _samples.Span[_index];
        if (s.Histogram is { } h)
        {
            return HistogramCopy.ToFloat(h, reuse);
        }

        return s.FloatHistogram is { } fh ? HistogramCopy.CopyTo(fh, reuse) : throw NotAHistogram();
    }

    private static InvalidOperationException NotAHistogram() =>
        new("The current sample is not of the requested histogram type.");
}
