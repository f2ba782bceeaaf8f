using Pharos.Client;

namespace Pharos.Notifier;

/// <summary>The notifier's self-metrics with upstream's names; per-Alertmanager series carry <c>alertmanager</c> (the URL).</summary>
internal sealed class NotifierMetrics
{
    private const string AlertmanagerLabel = "alertmanager";

    public NotifierMetrics(MetricRegistry registry, Func<double> queueLength, double capacity, Func<double> discovered)
    {
        Latency = registry.CreateSummary("prometheus_notifications_latency_seconds", "Latency quantiles for sending alert notifications.", AlertmanagerLabel);
        Errors = registry.CreateCounter("prometheus_notifications_errors_total", "Total number of sent alerts affected by errors.", AlertmanagerLabel);
        Sent = registry.CreateCounter("prometheus_notifications_sent_total", "Total number of alerts sent.", AlertmanagerLabel);
        Dropped = registry.CreateCounter("prometheus_notifications_dropped_total", "Total number of alerts dropped due to errors when sending to Alertmanager.");
        var length = registry.CreateGauge("prometheus_notifications_queue_length", "The number of alert notifications in the queue.");
        var cap = registry.CreateGauge("prometheus_notifications_queue_capacity", "The capacity of the alert notifications queue.");
        var amCount = registry.CreateGauge("prometheus_notifications_alertmanagers_discovered", "The number of alertmanagers discovered and active.");
        cap.Set(capacity);
        registry.AddBeforeCollectCallback(() =>
        {
            length.Set(queueLength());
            amCount.Set(discovered());
        });
    }

    public Summary Latency { get; }

    public Counter Errors { get; }

    public Counter Sent { get; }

    public Counter Dropped { get; }
}
