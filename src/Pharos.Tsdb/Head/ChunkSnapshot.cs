namespace Pharos.Tsdb.Head;

/// <summary>Encoded chunk bytes a querier may read without locks: a full chunk's own bytes, or a copy of the head chunk.</summary>
/// <param name="Bytes">The XOR chunk bytes.</param>
/// <param name="MinTimeMs">The first sample's timestamp.</param>
/// <param name="MaxTimeMs">The last sample's timestamp.</param>
internal readonly record struct ChunkSnapshot(ReadOnlyMemory<byte> Bytes, long MinTimeMs, long MaxTimeMs);
