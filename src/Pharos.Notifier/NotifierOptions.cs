using Pharos.Client;
using Pharos.Config;

namespace Pharos.Notifier;

/// <summary>Settings of the <see cref="NotifierManager"/> (upstream <c>notifier.Options</c> and flags).</summary>
public sealed record NotifierOptions
{
    /// <summary>How many alerts wait in the queue at most (<c>--alertmanager.notification-queue-capacity</c>, 10000); older ones are dropped.</summary>
    public int QueueCapacity { get; init; } = 10000;

    /// <summary>How many alerts go in one request (upstream's fixed 64).</summary>
    public int MaxBatchSize { get; init; } = 64;

    /// <summary>Send what is queued when disposed (<c>--alertmanager.drain-notification-queue-on-shutdown</c>, true).</summary>
    public bool DrainOnShutdown { get; init; } = true;

    /// <summary>The clock (metrics and timeouts).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the <c>prometheus_notifications_*</c> metrics are registered; null for none.</summary>
    public MetricRegistry? Registry { get; init; }

    /// <summary>Creates the HTTP handler for an Alertmanager set; null builds one from the set's <c>http_client_config</c>.</summary>
    public Func<AlertmanagerConfig, HttpMessageHandler>? HandlerFactory { get; init; }

    /// <summary>Called with every failed send (for logging); may be null.</summary>
    public Action<AlertmanagerEndpoint, Exception>? OnSendError { get; init; }
}
