namespace Pharos.Tsdb.Chunks;

/// <summary>Receives each chunk found by <see cref="ChunkDiskMapper.IterateAllChunks"/>.</summary>
/// <param name="seriesRef">The head series the chunk belongs to.</param>
/// <param name="chunkRef">The chunk's location.</param>
/// <param name="minTimeMs">The first sample's timestamp.</param>
/// <param name="maxTimeMs">The last sample's timestamp.</param>
/// <param name="numSamples">The sample count from the chunk's first two bytes.</param>
/// <param name="encoding">The encoding, without the out-of-order bit.</param>
/// <param name="isOutOfOrder">Whether the out-of-order bit was set.</param>
public delegate void HeadChunkVisitor(
    ulong seriesRef,
    ChunkDiskMapperRef chunkRef,
    long minTimeMs,
    long maxTimeMs,
    int numSamples,
    ChunkEncoding encoding,
    bool isOutOfOrder);
