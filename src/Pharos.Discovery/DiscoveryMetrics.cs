using System.Runtime.CompilerServices;
using Pharos.Client;

namespace Pharos.Discovery;

/// <summary>
/// The upstream service discovery self-metrics. Families are created once per registry and shared by every manager
/// on it (the scrape and the notify manager), which tell themselves apart with the <c>name</c> label as upstream.
/// </summary>
internal sealed class DiscoveryMetrics
{
    private static readonly ConditionalWeakTable<MetricRegistry, DiscoveryMetrics> PerRegistry = [];

    private DiscoveryMetrics(MetricRegistry registry)
    {
        FailedConfigs = registry.CreateGauge("prometheus_sd_failed_configs", "Current number of service discovery configurations that failed to load.", "name");
        DiscoveredTargets = registry.CreateGauge("prometheus_sd_discovered_targets", "Current number of discovered targets.", "config", "name");
        ReceivedUpdates = registry.CreateCounter("prometheus_sd_received_updates_total", "Total number of update events received from the SD providers.", "name");
        DelayedUpdates = registry.CreateCounter("prometheus_sd_updates_delayed_total", "Total number of update events that couldn't be sent immediately.", "name");
        SentUpdates = registry.CreateCounter("prometheus_sd_updates_total", "Total number of update events sent to the SD consumers.", "name");
        FileReadErrors = registry.CreateCounter("prometheus_sd_file_read_errors_total", "The number of File-SD read errors.");
        FileWatcherErrors = registry.CreateCounter("prometheus_sd_file_watcher_errors_total", "The number of File-SD errors caused by filesystem watch failures.");
        DnsLookups = registry.CreateCounter("prometheus_sd_dns_lookups_total", "The number of DNS-SD lookups.");
        DnsLookupFailures = registry.CreateCounter("prometheus_sd_dns_lookup_failures_total", "The number of DNS-SD lookup failures.");
        HttpFailures = registry.CreateCounter("prometheus_sd_http_failures_total", "Number of HTTP service discovery refresh failures.");
        RefreshFailures = registry.CreateCounter("prometheus_sd_refresh_failures_total", "Number of refresh failures for the given SD mechanism.", "mechanism", "config");
    }

    public Gauge FailedConfigs { get; }

    public Gauge DiscoveredTargets { get; }

    public Counter ReceivedUpdates { get; }

    public Counter DelayedUpdates { get; }

    public Counter SentUpdates { get; }

    public Counter FileReadErrors { get; }

    public Counter FileWatcherErrors { get; }

    public Counter DnsLookups { get; }

    public Counter DnsLookupFailures { get; }

    public Counter HttpFailures { get; }

    public Counter RefreshFailures { get; }

    /// <summary>The metrics on <paramref name="registry"/>, or on a private registry nobody reads when null.</summary>
    public static DiscoveryMetrics For(MetricRegistry? registry) =>
        registry is null ? new DiscoveryMetrics(new MetricRegistry()) : PerRegistry.GetValue(registry, r => new DiscoveryMetrics(r));
}
