using Pharos.Tsdb.Wal;

namespace Pharos.Tsdb.Db;

/// <summary>What a WAL replay read into the head, and the corruption it repaired if it met one. Immutable.</summary>
public sealed record WalReplayResult
{
    /// <summary>Records applied.</summary>
    public long Records { get; init; }

    /// <summary>Series records' entries applied (a series logged twice counts twice).</summary>
    public long Series { get; init; }

    /// <summary>Float samples written to chunks.</summary>
    public long Samples { get; init; }

    /// <summary>Exemplars restored.</summary>
    public long Exemplars { get; init; }

    /// <summary>Samples skipped: older than the head's minimum valid time, or not newer than their series' last one.</summary>
    public long SkippedSamples { get; init; }

    /// <summary>Samples whose series reference had no series record before them (upstream counts these too).</summary>
    public long UnknownSeriesReferences { get; init; }

    /// <summary>The corruption replay stopped at and repaired, or null for a clean log.</summary>
    public WalCorruption? Corruption { get; init; }

    /// <summary>The bytes the repair cut off (0 for a clean log).</summary>
    public long DroppedBytes { get; init; }

    /// <summary>How long the replay took.</summary>
    public TimeSpan Duration { get; init; }
}
