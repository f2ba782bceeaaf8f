namespace Pharos.Tsdb.Chunks;

/// <summary>
/// The encoding byte stored with every chunk in block chunk segments and head chunk files, numbered as Prometheus's
/// <c>chunkenc.Encoding</c>. Head chunk files set the high bit (<c>0x80</c>, see <see cref="ChunkDiskMapper.OutOfOrderMask"/>) for
/// out-of-order chunks; that bit is not part of the encoding.
/// </summary>
public enum ChunkEncoding : byte
{
    /// <summary>No encoding; never written.</summary>
    None = 0,

    /// <summary>Gorilla-style XOR float chunk (<see cref="XorChunk"/>).</summary>
    Xor = 1,

    /// <summary>Integer native histogram chunk (Prometheus <c>HistogramChunk</c>).</summary>
    Histogram = 2,

    /// <summary>Float native histogram chunk (Prometheus <c>FloatHistogramChunk</c>).</summary>
    FloatHistogram = 3,
}
