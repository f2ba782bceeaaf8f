using Pharos.Alertmanager.Config;
using Pharos.Client;
using Pharos.Client.Collectors;
using Pharos.Hosting;

namespace Pharos.Alertmanager;

/// <summary>Alertmanager's own metrics with upstream's names (<c>alertmanager_*</c>) plus the process metrics.</summary>
public sealed class AlertmanagerMetrics
{
    private static readonly string[] Integrations = [.. IntegrationSpec.All.Select(s => s.Type)];

    /// <summary>Creates the registry and the metrics.</summary>
    /// <param name="time">The registry's clock.</param>
    public AlertmanagerMetrics(TimeProvider time)
    {
        Registry = new MetricRegistry(time);
        Registry.Register(new ProcessCollector());
        Registry.CreateGauge(
                "alertmanager_build_info",
                "A metric with a constant '1' value labeled by version, revision, branch, goversion from which alertmanager was built, and the goos and goarch for the build.",
                "version", "revision", "branch", "goversion", "goos", "goarch")
            .WithLabels(BuildInfo.Version, BuildInfo.Revision, "main", "dotnet" + BuildInfo.RuntimeVersion, "linux", "amd64")
            .Set(1);
        AlertsReceived = Registry.CreateCounter("alertmanager_alerts_received_total", "The total number of received alerts.", "status", "version");
        AlertsInvalid = Registry.CreateCounter("alertmanager_alerts_invalid_total", "The total number of received alerts that were invalid.", "version");
        Alerts = Registry.CreateGauge("alertmanager_alerts", "How many alerts by state.", "state");
        Silences = Registry.CreateGauge("alertmanager_silences", "How many silences by state.", "state");
        Notifications = Registry.CreateCounter("alertmanager_notifications_total", "The total number of attempted notifications.", "integration");
        NotificationsFailed = Registry.CreateCounter("alertmanager_notifications_failed_total", "The total number of failed notifications.", "integration");
        NotificationRequests = Registry.CreateCounter("alertmanager_notification_requests_total", "The total number of attempted notification requests.", "integration");
        NotificationRequestsFailed = Registry.CreateCounter("alertmanager_notification_requests_failed_total", "The total number of failed notification requests.", "integration");
        NotificationLatency = Registry.CreateHistogram(
            "alertmanager_notification_latency_seconds",
            "The latency of notifications in seconds.",
            new HistogramOptions { LabelNames = ["integration"], Buckets = [1, 5, 10, 15, 20] });
        foreach (var integration in Integrations)
        {
            Notifications.WithLabels(integration);
            NotificationsFailed.WithLabels(integration);
            NotificationRequests.WithLabels(integration);
            NotificationRequestsFailed.WithLabels(integration);
            NotificationLatency.WithLabels(integration);
        }

        foreach (var status in new[] { "firing", "resolved" })
        {
            AlertsReceived.WithLabels(status, "v2");
        }

        AlertsInvalid.WithLabels("v2");
        ConfigLastReloadSuccessful = Registry.CreateGauge("alertmanager_config_last_reload_successful", "Whether the last configuration reload attempt was successful.");
        ConfigLastReloadSuccessTimestamp = Registry.CreateGauge("alertmanager_config_last_reload_success_timestamp_seconds", "Timestamp of the last successful configuration reload.");
        ConfigHash = Registry.CreateGauge("alertmanager_config_hash", "Hash of the currently loaded alertmanager configuration.");
        AggregationGroups = Registry.CreateGauge("alertmanager_dispatcher_aggregation_groups", "Number of active aggregation groups");
        NflogSnapshotSize = Registry.CreateGauge("alertmanager_nflog_snapshot_size_bytes", "Size of the last notification log snapshot in bytes.");
        SilencesSnapshotSize = Registry.CreateGauge("alertmanager_silences_snapshot_size_bytes", "Size of the last silence snapshot in bytes.");
        ClusterEnabled = Registry.CreateGauge("alertmanager_cluster_enabled", "Indicates whether the clustering is enabled or not.");
    }

    /// <summary>The registry.</summary>
    public MetricRegistry Registry { get; }

    /// <summary><c>alertmanager_alerts_received_total{status,version}</c>.</summary>
    public Counter AlertsReceived { get; }

    /// <summary><c>alertmanager_alerts_invalid_total{version}</c>.</summary>
    public Counter AlertsInvalid { get; }

    /// <summary><c>alertmanager_alerts{state}</c>, refreshed before each scrape.</summary>
    public Gauge Alerts { get; }

    /// <summary><c>alertmanager_silences{state}</c>, refreshed before each scrape.</summary>
    public Gauge Silences { get; }

    /// <summary><c>alertmanager_notifications_total{integration}</c>.</summary>
    public Counter Notifications { get; }

    /// <summary><c>alertmanager_notifications_failed_total{integration}</c>.</summary>
    public Counter NotificationsFailed { get; }

    /// <summary><c>alertmanager_notification_requests_total{integration}</c>.</summary>
    public Counter NotificationRequests { get; }

    /// <summary><c>alertmanager_notification_requests_failed_total{integration}</c>.</summary>
    public Counter NotificationRequestsFailed { get; }

    /// <summary><c>alertmanager_notification_latency_seconds{integration}</c>.</summary>
    public Histogram NotificationLatency { get; }

    /// <summary><c>alertmanager_config_last_reload_successful</c>.</summary>
    public Gauge ConfigLastReloadSuccessful { get; }

    /// <summary><c>alertmanager_config_last_reload_success_timestamp_seconds</c>.</summary>
    public Gauge ConfigLastReloadSuccessTimestamp { get; }

    /// <summary><c>alertmanager_config_hash</c>.</summary>
    public Gauge ConfigHash { get; }

    /// <summary><c>alertmanager_dispatcher_aggregation_groups</c>.</summary>
    public Gauge AggregationGroups { get; }

    /// <summary><c>alertmanager_nflog_snapshot_size_bytes</c>.</summary>
    public Gauge NflogSnapshotSize { get; }

    /// <summary><c>alertmanager_silences_snapshot_size_bytes</c>.</summary>
    public Gauge SilencesSnapshotSize { get; }

    /// <summary><c>alertmanager_cluster_enabled</c> (always 0: no clustering yet).</summary>
    public Gauge ClusterEnabled { get; }
}
