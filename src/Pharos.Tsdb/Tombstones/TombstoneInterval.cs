namespace Pharos.Tsdb.Tombstones;

/// <summary>A deleted time range of one series, both ends inclusive (Prometheus <c>tombstones.Interval</c>).</summary>
/// <param name="MinTimeMs">The first deleted timestamp.</param>
/// <param name="MaxTimeMs">The last deleted timestamp.</param>
public readonly record struct TombstoneInterval(long MinTimeMs, long MaxTimeMs)
{
    /// <summary>Whether <paramref name="timestampMs"/> is deleted by this interval.</summary>
    /// <param name="timestampMs">The timestamp.</param>
    /// <returns>True when inside.</returns>
    public bool Contains(long timestampMs) => timestampMs >= MinTimeMs && timestampMs <= MaxTimeMs;
}
