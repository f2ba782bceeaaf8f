using Pharos.Tsdb.Chunks;

namespace Pharos.Tsdb.Head;

/// <summary>A full, immutable chunk of a series with its time range.</summary>
/// <param name="Chunk">The encoded samples; never appended to again.</param>
/// <param name="MinTimeMs">The first sample's timestamp.</param>
/// <param name="MaxTimeMs">The last sample's timestamp.</param>
internal readonly record struct MemChunk(XorChunk Chunk, long MinTimeMs, long MaxTimeMs);
