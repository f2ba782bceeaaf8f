using Pharos.Model;
using Pharos.Storage;
using Pharos.Tsdb.Chunks;

namespace Pharos.Tsdb.Head;

/// <summary>
/// Iterates a series' chunk snapshots within a time range. <see cref="Seek"/> skips whole chunks by their time
/// range before decoding any. Reusable; allocation-free per sample.
/// </summary>
internal sealed class HeadSampleIterator : ISampleIterator
{
    private readonly XorIterator _chunk = new(ReadOnlyMemory<byte>.Empty);
    private ChunkSnapshot[] _chunks = [];
    private long _minTimeMs;
    private long _maxTimeMs;
    private int _index;
    private bool _inChunk;
    private bool _done;
    private SampleType _current;
    private Exception? _error;

    public Exception? Error => _error;

    public void Reset(ChunkSnapshot[] chunks, long minTimeMs, long maxTimeMs)
    {
        _chunks = chunks;
        _minTimeMs = minTimeMs;
        _maxTimeMs = maxTimeMs;
        _index = -1;
        _inChunk = false;
        _done = false;
        _current = SampleType.None;
        _error = null;
    }

    public SampleType Next()
    {
        if (_done)
        {
            return SampleType.None;
        }

        if (_inChunk)
        {
            if (_chunk.Next() != ChunkValueType.None)
            {
                return Accept();
            }

            if (_chunk.Error is { } error)
            {
                return Fail(error);
            }

            _inChunk = false;
        }

        return SeekChunks(_minTimeMs);
    }

    public SampleType Seek(long timestampMs)
    {
        if (_done)
        {
            return SampleType.None;
        }

        if (_current != SampleType.None && _chunk.AtTimestamp() >= timestampMs)
        {
            return _current;
        }

        var target = Math.Max(timestampMs, _minTimeMs);
        if (_inChunk && _chunks[_index].MaxTimeMs >= target)
        {
            if (_chunk.Seek(target) != ChunkValueType.None)
            {
                return Accept();
            }

            if (_chunk.Error is { } error)
            {
                return Fail(error);
            }
        }

        _inChunk = false;
        return SeekChunks(target);
    }

    public (long TimestampMs, double Value) At() => _chunk.At();

    public long AtTimestamp() => _chunk.AtTimestamp();

    public Histogram AtHistogram(Histogram? reuse) =>
        throw new InvalidOperationException("The head stores float samples only.");

    public FloatHistogram AtFloatHistogram(FloatHistogram? reuse) =>
        throw new InvalidOperationException("The head stores float samples only.");

    /// <summary>Opens the next chunk that ends at or after <paramref name="target"/> and seeks into it.</summary>
    private SampleType SeekChunks(long target)
    {
        while (++_index < _chunks.Length)
        {
            ref readonly var c = ref _chunks[_index];
            if (c.MaxTimeMs < target)
            {
                continue;
            }

            if (c.MinTimeMs > _maxTimeMs)
            {
                break;
            }

            _chunk.Reset(c.Bytes);
            _inChunk = true;
            if (_chunk.Seek(target) != ChunkValueType.None)
            {
                return Accept();
            }

            if (_chunk.Error is { } error)
            {
                return Fail(error);
            }

            _inChunk = false;
        }

        return Finish();
    }

    private SampleType Accept()
    {
        if (_chunk.AtTimestamp() > _maxTimeMs)
        {
            return Finish();
        }

        _current = SampleType.Float;
        return _current;
    }

    private SampleType Fail(Exception error)
    {
        _error = error;
        return Finish();
    }

    private SampleType Finish()
    {
        _done = true;
        _inChunk = false;
        _current = SampleType.None;
        return SampleType.None;
    }
}
