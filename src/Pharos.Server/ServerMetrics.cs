using Pharos.Client;
using Pharos.Client.Collectors;
using Pharos.Hosting;
using Pharos.PromQL.Engine;
using Pharos.Tsdb.Db;

namespace Pharos.Server;

/// <summary>
/// The server's own metrics with upstream's names: <c>prometheus_build_info</c>, configuration reloads, engine
/// query durations, <c>prometheus_tsdb_*</c> read from the TSDB on each scrape, and the process metrics. The HTTP
/// metrics are registered by the web layer; scrape and discovery register theirs on <see cref="Registry"/>.
/// </summary>
public sealed class ServerMetrics
{
    private static readonly QuantileEpsilonPair[] Objectives = [new(0.5, 0.05), new(0.9, 0.01), new(0.99, 0.001)];

    private readonly Summary _queryDuration;
    private Func<TsdbDatabase?> _tsdb = static () => null;

    /// <summary>Creates the registry and the metrics.</summary>
    public ServerMetrics()
    {
        Registry = new MetricRegistry();
        Registry.Register(new ProcessCollector());
        Registry.CreateGauge(
                "prometheus_build_info",
                "A metric with a constant '1' value labeled by version, revision, branch, goversion from which prometheus was built, and the goos and goarch for the build.",
                "branch", "goarch", "goos", "goversion", "revision", "tags", "version")
            .WithLabels("main", System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(), OperatingSystem.IsLinux() ? "linux" : "other", "dotnet" + BuildInfo.RuntimeVersion, BuildInfo.Revision, string.Empty, BuildInfo.Version)
            .Set(1);
        ConfigReloadSuccessful = Registry.CreateGauge("prometheus_config_last_reload_successful", "Whether the last configuration reload attempt was successful.");
        ConfigReloadTimestamp = Registry.CreateGauge("prometheus_config_last_reload_success_timestamp_seconds", "Timestamp of the last successful configuration reload.");
        ReadyGauge = Registry.CreateGauge("prometheus_ready", "Whether Prometheus startup was fully completed and the server is ready for normal operation.");
        _queryDuration = Registry.CreateSummary(
            "prometheus_engine_query_duration_seconds",
            "Query timings",
            new SummaryOptions { LabelNames = ["slice"], Objectives = Objectives });
        QueriesConcurrentMax = Registry.CreateGauge("prometheus_engine_queries_concurrent_max", "The max number of concurrent queries.");
        Registry.Register(CollectTsdb);
    }

    /// <summary>The registry behind <c>/metrics</c>.</summary>
    public MetricRegistry Registry { get; }

    /// <summary><c>prometheus_config_last_reload_successful</c>.</summary>
    public Gauge ConfigReloadSuccessful { get; }

    /// <summary><c>prometheus_config_last_reload_success_timestamp_seconds</c>.</summary>
    public Gauge ConfigReloadTimestamp { get; }

    /// <summary><c>prometheus_ready</c>.</summary>
    public Gauge ReadyGauge { get; }

    /// <summary><c>prometheus_engine_queries_concurrent_max</c>.</summary>
    public Gauge QueriesConcurrentMax { get; }

    /// <summary>Where to read the TSDB counters from once it is open.</summary>
    /// <param name="tsdb">Returns the open database, or null before it is.</param>
    public void UseTsdb(Func<TsdbDatabase?> tsdb) => _tsdb = tsdb;

    /// <summary>Records one query's timings.</summary>
    /// <param name="stats">The statistics.</param>
    public void ObserveQuery(QueryStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        _queryDuration.WithLabels("inner_eval").Observe(stats.EvalTime.TotalSeconds);
        _queryDuration.WithLabels("queue_time").Observe(stats.QueueTime.TotalSeconds);
    }

    private IEnumerable<MetricFamilySnapshot> CollectTsdb()
    {
        if (_tsdb() is not { } db)
        {
            yield break;
        }

        TsdbMetrics m;
        try
        {
            m = db.GetMetrics();
        }
        catch (ObjectDisposedException)
        {
            yield break;
        }

        yield return Gauge("prometheus_tsdb_head_series", "Total number of series in the head block.", m.HeadSeries);
        yield return Counter("prometheus_tsdb_head_series_created_total", "Total number of series created in the head", m.HeadSeriesCreatedTotal);
        yield return Counter("prometheus_tsdb_head_series_removed_total", "Total number of series removed in the head", m.HeadSeriesRemovedTotal);
        yield return new MetricFamilySnapshot(
            "prometheus_tsdb_head_samples_appended_total",
            MetricType.Counter,
            "Total number of appended samples.",
            [MetricPoint.Sample(m.HeadSamplesAppendedTotal, [new("type", "float")])]);
        yield return Gauge("prometheus_tsdb_head_chunks", "Total number of chunks in the head block.", m.HeadChunks);
        yield return Counter("prometheus_tsdb_head_chunks_created_total", "Total number of chunks created in the head", m.HeadChunksCreatedTotal);
        yield return Counter("prometheus_tsdb_head_chunks_removed_total", "Total number of chunks removed in the head", m.HeadChunksRemovedTotal);
        yield return Gauge("prometheus_tsdb_head_min_time", "Minimum time bound of the head block.", m.HeadMinTimeMs);
        yield return Gauge("prometheus_tsdb_head_max_time", "Maximum timestamp of the head block.", m.HeadMaxTimeMs);
        yield return Counter("prometheus_tsdb_out_of_order_samples_total", "Total number of out of order samples ingestion failed attempts due to out of order being disabled.", m.OutOfOrderSamplesTotal);
        yield return Counter("prometheus_tsdb_out_of_bound_samples_total", "Total number of out of bound samples ingestion failed attempts with out of order support disabled.", m.OutOfBoundSamplesTotal);
        yield return Gauge("prometheus_tsdb_blocks_loaded", "Number of currently loaded data blocks", m.BlocksLoaded);
        yield return Gauge("prometheus_tsdb_storage_blocks_bytes", "The number of bytes that are currently used for local storage by all blocks.", m.StorageBlocksBytes);
        yield return Gauge("prometheus_tsdb_lowest_timestamp", "Lowest timestamp value stored in the database. The unit is decided by the library consumer.", m.LowestTimestampMs);
        yield return Counter("prometheus_tsdb_compactions_total", "Total number of compactions that were executed for the partition.", m.CompactionsTotal);
        yield return Counter("prometheus_tsdb_compactions_failed_total", "Total number of compactions that failed for the partition.", m.CompactionsFailedTotal);
        yield return Counter("prometheus_tsdb_compactions_triggered_total", "Total number of triggered compactions for the partition.", m.CompactionsTriggeredTotal);
        yield return Counter("prometheus_tsdb_reloads_total", "Number of times the database reloaded block data from disk.", m.ReloadsTotal);
        yield return Counter("prometheus_tsdb_reloads_failures_total", "Number of times the database failed to reloadBlocks block data from disk.", m.ReloadsFailuresTotal);
        yield return Counter("prometheus_tsdb_wal_corruptions_total", "Total number of WAL corruptions.", m.WalCorruptionsTotal);
        yield return Counter("prometheus_tsdb_checkpoint_creations_total", "Total number of checkpoint creations attempted.", m.CheckpointCreationsTotal);
        yield return Counter("prometheus_tsdb_time_retentions_total", "The number of times that blocks were deleted because the maximum time limit was exceeded.", m.TimeRetentionsTotal);
        yield return Counter("prometheus_tsdb_size_retentions_total", "The number of times that blocks were deleted because the maximum number of bytes was exceeded.", m.SizeRetentionsTotal);
        yield return Gauge("prometheus_tsdb_retention_limit_bytes", "Max number of bytes to be retained in the tsdb blocks, configured 0 means disabled", m.RetentionLimitBytes);
        yield return Gauge("prometheus_tsdb_wal_storage_size_bytes", "Size of the write log directory.", m.WalStorageSizeBytes);
    }

    private static MetricFamilySnapshot Gauge(string name, string help, double value) =>
        new(name, MetricType.Gauge, help, [MetricPoint.Sample(value)]);

    private static MetricFamilySnapshot Counter(string name, string help, double value) =>
        new(name, MetricType.Counter, help, [MetricPoint.Sample(value)]);
}
