using Pharos.Tsdb.Chunks;

namespace Pharos.Tsdb.Block;

/// <summary>
/// Re-encodes a stream of float samples into XOR chunks of at most a given number of samples, for block writes that
/// cannot copy chunks as they are (a chunk straddling a block boundary, tombstoned samples, overlapping blocks).
/// Single-use, not thread-safe.
/// </summary>
internal sealed class ChunkRecoder(int samplesPerChunk, List<ChunkMeta> into)
{
    private XorChunk? _current;
    private IChunkAppender? _appender;
    private long _first;
    private long _last;

    /// <summary>Appends a sample; timestamps must increase.</summary>
    public void Append(long timestampMs, double value)
    {
        if (_current is null || _current.NumSamples >= samplesPerChunk)
        {
            Finish();
            _current = new XorChunk();
            _appender = _current.CreateAppender();
            _first = timestampMs;
        }

        _appender!.Append(timestampMs, value);
        _last = timestampMs;
    }

    /// <summary>Adds the chunk being filled, if any, to the output list.</summary>
    public void Finish()
    {
        if (_current is not null)
        {
            into.Add(new ChunkMeta(default, _first, _last, _current));
            _current = null;
            _appender = null;
        }
    }
}
