using Pharos.Tsdb.Chunks;

namespace Pharos.Tsdb.Head;

internal sealed partial class MemSeries
{
    /// <summary>
    /// The most bytes an XOR chunk may reach before the next sample: upstream's 1 KiB cap less the largest encoded
    /// sample (19 bytes), since the size of the next sample is unknown when deciding to cut.
    /// </summary>
    internal const int MaxBytesBeforeCut = 1024 - 19;

    /// <summary>
    /// Appends a committed sample to the head chunk, cutting a new chunk first when Prometheus would. The caller
    /// holds <see cref="Lock"/> and has checked the order. Returns false (and changes nothing) for a sample that is
    /// not newer than the last one, which a concurrent batch may have committed since validation.
    /// </summary>
    public bool Append(long timestampMs, double value, long chunkRangeMs, int samplesPerChunk, out bool chunkCreated)
    {
        chunkCreated = false;
        if (_head is null)
        {
            if (_full is { Count: > 0 } full && full[^1].MaxTimeMs >= timestampMs)
            {
                return false;
            }

            CutNewHeadChunk(timestampMs, chunkRangeMs);
            chunkCreated = true;
        }

        if (_headMaxTimeMs >= timestampMs)
        {
            return false;
        }

        if (!chunkCreated && _head!.Bytes.Length > MaxBytesBeforeCut)
        {
            CutNewHeadChunk(timestampMs, chunkRangeMs);
            chunkCreated = true;
        }

        var samples = _head!.NumSamples;
        if (samples == 0)
        {
            _headMinTimeMs = timestampMs;
            _nextAtMs = RangeEnd(timestampMs, chunkRangeMs);
        }

        // At a quarter of the target size, predict where this chunk should end so the rest of the range splits into
        // chunks of equal size; the range boundary stays the latest possible end.
        if (samples == samplesPerChunk / 4)
        {
            _nextAtMs = ComputeChunkEndTime(_headMinTimeMs, _headMaxTimeMs, _nextAtMs, 4);
        }

        // Past twice the target, the prediction was wrong (the rate went up): cut anyway.
        if (timestampMs >= _nextAtMs || samples >= samplesPerChunk * 2)
        {
            CutNewHeadChunk(timestampMs, chunkRangeMs);
            chunkCreated = true;
        }

        _appender!.Append(timestampMs, value);
        if (_head.NumSamples == 1)
        {
            _headMinTimeMs = timestampMs;
        }

        _headMaxTimeMs = timestampMs;
        LastTimestampMs = timestampMs;
        LastValueBits = BitConverter.DoubleToUInt64Bits(value);
        return true;
    }

    /// <summary>
    /// The end (exclusive) of the chunk range holding <paramref name="timestampMs"/>. Division truncates toward zero
    /// as upstream's does, which matters only before 1970.
    /// </summary>
    internal static long RangeEnd(long timestampMs, long chunkRangeMs) => (timestampMs / chunkRangeMs * chunkRangeMs) + chunkRangeMs;

    /// <summary>
    /// Predicts the end of a chunk from its start, its newest sample so far and the range end, given that the
    /// samples so far are <c>1/ratioToFull</c> of a full chunk: the range is divided into as many equal chunks as the
    /// current rate fills.
    /// </summary>
    internal static long ComputeChunkEndTime(long startMs, long currentMs, long maxMs, double ratioToFull)
    {
        var n = (maxMs - startMs) / ((currentMs - startMs + 1) * ratioToFull);
        if (n <= 1)
        {
            return maxMs;
        }

        return (long)(startMs + ((maxMs - startMs) / Math.Floor(n)));
    }

    private void CutNewHeadChunk(long minTimeMs, long chunkRangeMs)
    {
        if (_head is { NumSamples: > 0 } old)
        {
            old.Compact();
            (_full ??= []).Add(new MemChunk(old, _headMinTimeMs, _headMaxTimeMs));
        }

        _head = new XorChunk();
        _appender = _head.CreateAppender();
        _headMinTimeMs = minTimeMs;
        _headMaxTimeMs = long.MinValue;
        _nextAtMs = RangeEnd(minTimeMs, chunkRangeMs);
    }
}
