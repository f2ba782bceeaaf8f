namespace Pharos.Tsdb.Chunks;

/// <summary>
/// A chunk with its time range and (once written) its location, as the index refers to it (Prometheus
/// <c>chunks.Meta</c>).
/// </summary>
/// <param name="Ref">The location in the block's segment files; default until written.</param>
/// <param name="MinTimeMs">The first sample's timestamp.</param>
/// <param name="MaxTimeMs">The last sample's timestamp.</param>
/// <param name="Chunk">The chunk itself; null when only the location is known.</param>
public readonly record struct ChunkMeta(ChunkRef Ref, long MinTimeMs, long MaxTimeMs, IChunk? Chunk);
