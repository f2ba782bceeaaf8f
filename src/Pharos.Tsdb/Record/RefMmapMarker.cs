namespace Pharos.Tsdb.Record;

/// <summary>A marker that a series' chunks up to here are in head chunk files (Prometheus <c>RefMmapMarker</c>).</summary>
/// <param name="Ref">The head series reference.</param>
/// <param name="MmapRef">The head chunk reference (<see cref="Chunks.ChunkDiskMapperRef"/> value).</param>
public readonly record struct RefMmapMarker(ulong Ref, ulong MmapRef);
