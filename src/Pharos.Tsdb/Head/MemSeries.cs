using Pharos.Model;
using Pharos.Tsdb.Chunks;

namespace Pharos.Tsdb.Head;

/// <summary>
/// One series in the head (Prometheus's <c>memSeries</c>): its labels, the full chunks, the head chunk being
/// appended, and the last sample for order and duplicate checks. Every mutable field is guarded by
/// <see cref="Lock"/>; <see cref="Ref"/>, <see cref="Labels"/> and <see cref="Hash"/> are immutable.
/// </summary>
internal sealed partial class MemSeries(ulong reference, Labels labels, ulong hash)
{
    public readonly ulong Ref = reference;
    public readonly Labels Labels = labels;
    public readonly ulong Hash = hash;
    public readonly Lock Lock = new();

    /// <summary>The next series of the same stripe whose labels hash to the same value (a rare collision chain).</summary>
    public MemSeries? NextWithSameHash;

    /// <summary>Set by garbage collection once the series left the index; an appender then looks it up again.</summary>
    public bool Deleted;

    /// <summary>The appender whose uncommitted samples <see cref="PendingTimestampMs"/> describes, or null.</summary>
    public object? PendingOwner;
    public long PendingTimestampMs;
    public ulong PendingValueBits;

    /// <summary>The newest committed sample; <see cref="long.MinValue"/> before the first.</summary>
    public long LastTimestampMs = long.MinValue;
    public ulong LastValueBits;

    public Metadata? Metadata;

    private List<MemChunk>? _full;
    private XorChunk? _head;
    private IChunkAppender? _appender;
    private long _headMinTimeMs;
    private long _headMaxTimeMs = long.MinValue;
    private long _nextAtMs = long.MinValue;

    /// <summary>The number of chunks, full and head.</summary>
    public int ChunkCount => (_full?.Count ?? 0) + (_head is null ? 0 : 1);

    /// <summary>The oldest sample time held, or <see cref="long.MaxValue"/> without chunks.</summary>
    public long MinTimeMs => _full is { Count: > 0 } full ? full[0].MinTimeMs : _head is null ? long.MaxValue : _headMinTimeMs;

    /// <summary>The head chunk's sample count (for tests).</summary>
    public int HeadChunkSamples => _head?.NumSamples ?? 0;

    /// <summary>Copies the chunk boundaries (for tests): each chunk's first and last timestamp and sample count.</summary>
    public List<(long MinTimeMs, long MaxTimeMs, int Samples)> ChunkRanges()
    {
        var result = new List<(long, long, int)>();
        foreach (var c in _full ?? [])
        {
            result.Add((c.MinTimeMs, c.MaxTimeMs, c.Chunk.NumSamples));
        }

        if (_head is { NumSamples: > 0 })
        {
            result.Add((_headMinTimeMs, _headMaxTimeMs, _head.NumSamples));
        }

        return result;
    }

    /// <summary>
    /// The chunks overlapping <paramref name="minTimeMs"/>..<paramref name="maxTimeMs"/>, oldest first; the head
    /// chunk is copied because appends rewrite its last byte and its sample count in place.
    /// </summary>
    public ChunkSnapshot[] Snapshot(long minTimeMs, long maxTimeMs)
    {
        var n = 0;
        if (_full is not null)
        {
            foreach (var c in _full)
            {
                if (c.MaxTimeMs >= minTimeMs && c.MinTimeMs <= maxTimeMs)
                {
                    n++;
                }
            }
        }

        var withHead = _head is { NumSamples: > 0 } && _headMaxTimeMs >= minTimeMs && _headMinTimeMs <= maxTimeMs;
        if (n == 0 && !withHead)
        {
            return [];
        }

        var result = new ChunkSnapshot[n + (withHead ? 1 : 0)];
        var i = 0;
        if (_full is not null)
        {
            foreach (var c in _full)
            {
                if (c.MaxTimeMs >= minTimeMs && c.MinTimeMs <= maxTimeMs)
                {
                    result[i++] = new ChunkSnapshot(c.Chunk.Bytes, c.MinTimeMs, c.MaxTimeMs);
                }
            }
        }

        if (withHead)
        {
            result[i] = new ChunkSnapshot(_head!.Bytes.ToArray(), _headMinTimeMs, _headMaxTimeMs);
        }

        return result;
    }

    /// <summary>Whether any chunk overlaps the range.</summary>
    public bool HasSamplesIn(long minTimeMs, long maxTimeMs)
    {
        if (_head is { NumSamples: > 0 } && _headMaxTimeMs >= minTimeMs && _headMinTimeMs <= maxTimeMs)
        {
            return true;
        }

        if (_full is not null)
        {
            foreach (var c in _full)
            {
                if (c.MaxTimeMs >= minTimeMs && c.MinTimeMs <= maxTimeMs)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Drops the chunks that end before <paramref name="minTimeMs"/>, the head chunk included (upstream's
    /// <c>truncateChunksBefore</c>). Returns the number removed.
    /// </summary>
    public int TruncateChunksBefore(long minTimeMs)
    {
        var removed = 0;
        if (_full is not null)
        {
            var keepFrom = 0;
            while (keepFrom < _full.Count && _full[keepFrom].MaxTimeMs < minTimeMs)
            {
                keepFrom++;
            }

            _full.RemoveRange(0, keepFrom);
            removed += keepFrom;
        }

        if (_head is not null && _headMaxTimeMs < minTimeMs)
        {
            _head = null;
            _appender = null;
            _headMaxTimeMs = long.MinValue;
            removed++;
        }

        return removed;
    }
}
