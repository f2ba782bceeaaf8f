namespace Pharos.Tsdb.Db;

/// <summary>
/// A snapshot of a database's self-metrics; each property names the upstream series the server exports it as.
/// Immutable.
/// </summary>
public sealed record TsdbMetrics
{
    /// <summary><c>prometheus_tsdb_head_series</c>.</summary>
    public long HeadSeries { get; init; }

    /// <summary><c>prometheus_tsdb_head_series_created_total</c>.</summary>
    public long HeadSeriesCreatedTotal { get; init; }

    /// <summary><c>prometheus_tsdb_head_series_removed_total</c>.</summary>
    public long HeadSeriesRemovedTotal { get; init; }

    /// <summary><c>prometheus_tsdb_head_samples_appended_total</c>.</summary>
    public long HeadSamplesAppendedTotal { get; init; }

    /// <summary><c>prometheus_tsdb_head_chunks</c>.</summary>
    public long HeadChunks { get; init; }

    /// <summary><c>prometheus_tsdb_head_chunks_created_total</c>.</summary>
    public long HeadChunksCreatedTotal { get; init; }

    /// <summary><c>prometheus_tsdb_head_chunks_removed_total</c>.</summary>
    public long HeadChunksRemovedTotal { get; init; }

    /// <summary><c>prometheus_tsdb_head_min_time</c> (milliseconds).</summary>
    public long HeadMinTimeMs { get; init; }

    /// <summary><c>prometheus_tsdb_head_max_time</c> (milliseconds).</summary>
    public long HeadMaxTimeMs { get; init; }

    /// <summary><c>prometheus_tsdb_out_of_order_samples_total</c>.</summary>
    public long OutOfOrderSamplesTotal { get; init; }

    /// <summary><c>prometheus_tsdb_out_of_bound_samples_total</c>.</summary>
    public long OutOfBoundSamplesTotal { get; init; }

    /// <summary><c>prometheus_tsdb_blocks_loaded</c>.</summary>
    public long BlocksLoaded { get; init; }

    /// <summary><c>prometheus_tsdb_storage_blocks_bytes</c>: bytes of all loaded blocks.</summary>
    public long StorageBlocksBytes { get; init; }

    /// <summary><c>prometheus_tsdb_lowest_timestamp</c> (milliseconds): the oldest time held in blocks or head.</summary>
    public long LowestTimestampMs { get; init; }

    /// <summary><c>prometheus_tsdb_compactions_total</c>: compactions written (head and level).</summary>
    public long CompactionsTotal { get; init; }

    /// <summary><c>prometheus_tsdb_compactions_failed_total</c>.</summary>
    public long CompactionsFailedTotal { get; init; }

    /// <summary><c>prometheus_tsdb_compactions_triggered_total</c>: maintenance runs that looked for work.</summary>
    public long CompactionsTriggeredTotal { get; init; }

    /// <summary><c>prometheus_tsdb_reloads_total</c>.</summary>
    public long ReloadsTotal { get; init; }

    /// <summary><c>prometheus_tsdb_reloads_failures_total</c>: blocks that could not be loaded (damaged, skipped).</summary>
    public long ReloadsFailuresTotal { get; init; }

    /// <summary><c>prometheus_tsdb_wal_corruptions_total</c>.</summary>
    public long WalCorruptionsTotal { get; init; }

    /// <summary><c>prometheus_tsdb_checkpoint_creations_total</c>.</summary>
    public long CheckpointCreationsTotal { get; init; }

    /// <summary><c>prometheus_tsdb_time_retentions_total</c>: blocks deleted for time retention.</summary>
    public long TimeRetentionsTotal { get; init; }

    /// <summary><c>prometheus_tsdb_size_retentions_total</c>: blocks deleted for size retention.</summary>
    public long SizeRetentionsTotal { get; init; }

    /// <summary><c>prometheus_tsdb_retention_limit_bytes</c>.</summary>
    public long RetentionLimitBytes { get; init; }

    /// <summary><c>prometheus_tsdb_wal_storage_size_bytes</c>: bytes of the WAL directory.</summary>
    public long WalStorageSizeBytes { get; init; }
}
