using Pharos.Hosting.Web;

namespace Pharos.Pushgateway;

/// <summary>The settings of a Pushgateway, from its command-line flags.</summary>
public sealed record PushgatewayOptions
{
    /// <summary>The web flags (listen address, web config, route prefix).</summary>
    public required WebOptions Web { get; init; }

    /// <summary><c>--web.telemetry-path</c>: where the merged exposition is served.</summary>
    public string TelemetryPath { get; init; } = "/metrics";

    /// <summary><c>--web.enable-admin-api</c>: serve <c>PUT /api/v1/admin/wipe</c>.</summary>
    public bool EnableAdminApi { get; init; }

    /// <summary><c>--web.enable-lifecycle</c>: serve <c>PUT /-/quit</c>.</summary>
    public bool EnableLifecycle { get; init; }

    /// <summary><c>--push.disable-consistency-check</c>: accept pushes unchecked and answer 202.</summary>
    public bool DisableConsistencyCheck { get; init; }

    /// <summary><c>--persistence.file</c>; empty keeps metrics in memory only.</summary>
    public string PersistenceFile { get; init; } = string.Empty;

    /// <summary><c>--persistence.interval</c>: the longest time a change waits before it is written.</summary>
    public TimeSpan PersistenceInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary><c>--metrics.ttl</c>: groups not pushed for this long are dropped; zero (default) keeps them forever.</summary>
    public TimeSpan MetricsTtl { get; init; }

    /// <summary><c>--push.max-body-size</c>: the largest accepted (decoded) push body; 0 for no limit.</summary>
    public long MaxBodyBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Every flag and its value as given, for <c>/api/v1/status</c>.</summary>
    public IReadOnlyDictionary<string, string> FlagValues { get; init; } = new Dictionary<string, string>();
}
