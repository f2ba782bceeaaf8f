namespace Pharos.Tsdb.Wal;

/// <summary>Settings of a <see cref="WriteAheadLog"/>.</summary>
public sealed record WalOptions
{
    /// <summary>The size at which segments are cut; a multiple of <see cref="WalFormat.PageSize"/>. 128 MiB by default.</summary>
    public long SegmentSizeBytes { get; init; } = WalFormat.DefaultSegmentSizeBytes;

    /// <summary>Record compression; off by default.</summary>
    public WalCompression Compression { get; init; } = WalCompression.None;

    /// <summary>When to fsync.</summary>
    public WalSyncPolicy SyncPolicy { get; init; } = WalSyncPolicy.SegmentClose;

    /// <summary>Called after a segment is completed and synced, with its index (for metrics and checkpoint triggers).</summary>
    public Action<int>? SegmentCompleted { get; init; }

    /// <summary>Called after each fsync with its duration (for <c>prometheus_tsdb_wal_fsync_duration_seconds</c>).</summary>
    public Action<TimeSpan>? Synced { get; init; }
}
