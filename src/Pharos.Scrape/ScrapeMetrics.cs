using Pharos.Client;

namespace Pharos.Scrape;

/// <summary>The scrape manager's self-metrics, with upstream's names and labels, registered on one registry.</summary>
internal sealed class ScrapeMetrics
{
    // Upstream's objectives for the interval and sync summaries.
    private static readonly QuantileEpsilonPair[] Objectives =
    [
        new(0.01, 0.001), new(0.05, 0.005), new(0.5, 0.05), new(0.90, 0.01), new(0.99, 0.001),
    ];

    public ScrapeMetrics(MetricRegistry registry)
    {
        IntervalLength = registry.CreateSummary(
            "prometheus_target_interval_length_seconds",
            "Actual intervals between scrapes.",
            new SummaryOptions { LabelNames = ["interval"], Objectives = Objectives });
        SyncLength = registry.CreateSummary(
            "prometheus_target_sync_length_seconds",
            "Actual interval to sync the scrape pool.",
            new SummaryOptions { LabelNames = ["scrape_job"], Objectives = Objectives });
        PoolTargets = registry.CreateGauge("prometheus_target_scrape_pool_targets", "Current number of targets in this scrape pool.", "scrape_job");
        PoolsTotal = registry.CreateCounter("prometheus_target_scrape_pools_total", "Total number of scrape pool creation attempts.");
        PoolsFailed = registry.CreateCounter("prometheus_target_scrape_pools_failed_total", "Total number of scrape pool creations that failed.");
        PoolReloads = registry.CreateCounter("prometheus_target_scrape_pool_reloads_total", "Total number of scrape pool reloads.");
        PoolReloadsFailed = registry.CreateCounter("prometheus_target_scrape_pool_reloads_failed_total", "Total number of failed scrape pool reloads.");
        PoolSyncs = registry.CreateCounter("prometheus_target_scrape_pool_sync_total", "Total number of syncs that were executed on a scrape pool.", "scrape_job");
        ExceededTargetLimit = registry.CreateCounter("prometheus_target_scrape_pool_exceeded_target_limit_total", "Total number of times scrape pools hit the target limit, during sync or config reload.");
        ExceededLabelLimits = registry.CreateCounter("prometheus_target_scrape_pool_exceeded_label_limits_total", "Total number of times scrape pools hit the label limits, during sync or config reload.");
        CacheFlushForced = registry.CreateCounter("prometheus_target_scrapes_cache_flush_forced_total", "How many times a scrape cache was flushed due to getting big while scrapes are failing.");
        ExceededBodySizeLimit = registry.CreateCounter("prometheus_target_scrapes_exceeded_body_size_limit_total", "Total number of scrapes that hit the body size limit");
        ExceededSampleLimit = registry.CreateCounter("prometheus_target_scrapes_exceeded_sample_limit_total", "Total number of scrapes that hit the sample limit and were rejected.");
        SampleDuplicate = registry.CreateCounter("prometheus_target_scrapes_sample_duplicate_timestamp_total", "Total number of samples rejected due to duplicate timestamps but different values.");
        SampleOutOfBounds = registry.CreateCounter("prometheus_target_scrapes_sample_out_of_bounds_total", "Total number of samples rejected due to timestamp falling outside of the time bounds.");
        SampleOutOfOrder = registry.CreateCounter("prometheus_target_scrapes_sample_out_of_order_total", "Total number of samples rejected due to not being out of the expected order.");
    }

    public Summary IntervalLength { get; }

    public Summary SyncLength { get; }

    public Gauge PoolTargets { get; }

    public Counter PoolsTotal { get; }

    public Counter PoolsFailed { get; }

    public Counter PoolReloads { get; }

    public Counter PoolReloadsFailed { get; }

    public Counter PoolSyncs { get; }

    public Counter ExceededTargetLimit { get; }

    public Counter ExceededLabelLimits { get; }

    public Counter CacheFlushForced { get; }

    public Counter ExceededBodySizeLimit { get; }

    public Counter ExceededSampleLimit { get; }

    public Counter SampleDuplicate { get; }

    public Counter SampleOutOfBounds { get; }

    public Counter SampleOutOfOrder { get; }
}
