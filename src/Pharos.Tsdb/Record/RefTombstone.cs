namespace Pharos.Tsdb.Record;

/// <summary>One deleted time range of a series; a tombstone record holds any number of them.</summary>
/// <param name="Ref">The series reference.</param>
/// <param name="MinTimeMs">The first deleted timestamp (inclusive).</param>
/// <param name="MaxTimeMs">The last deleted timestamp (inclusive).</param>
public readonly record struct RefTombstone(ulong Ref, long MinTimeMs, long MaxTimeMs);
