using Pharos.Hosting.Web;

namespace Pharos.Server;

/// <summary>The resolved flags of <c>pharos server</c> (upstream <c>prometheus</c>'s flags). Immutable.</summary>
public sealed record ServerOptions
{
    /// <summary><c>--config.file</c>.</summary>
    public string ConfigFile { get; init; } = "prometheus.yml";

    /// <summary><c>--storage.tsdb.path</c>.</summary>
    public string StoragePath { get; init; } = "data/";

    /// <summary><c>--storage.tsdb.retention.time</c>; zero means the default (15d) unless a size is set.</summary>
    public TimeSpan RetentionTime { get; init; }

    /// <summary><c>--storage.tsdb.retention.size</c> in bytes; 0 disables.</summary>
    public long RetentionSizeBytes { get; init; }

    /// <summary><c>--storage.tsdb.min-block-duration</c>.</summary>
    public TimeSpan MinBlockDuration { get; init; } = TimeSpan.FromHours(2);

    /// <summary><c>--storage.tsdb.max-block-duration</c>; null derives it from the retention.</summary>
    public TimeSpan? MaxBlockDuration { get; init; }

    /// <summary>The web flags.</summary>
    public required WebOptions Web { get; init; }

    /// <summary><c>--web.enable-lifecycle</c>.</summary>
    public bool EnableLifecycle { get; init; }

    /// <summary><c>--web.enable-admin-api</c>.</summary>
    public bool EnableAdminApi { get; init; }

    /// <summary><c>--web.max-connections</c>.</summary>
    public int MaxConnections { get; init; } = 512;

    /// <summary><c>--web.cors.origin</c>.</summary>
    public string CorsOrigin { get; init; } = ".*";

    /// <summary><c>--query.timeout</c>.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary><c>--query.max-samples</c>.</summary>
    public int QueryMaxSamples { get; init; } = 50_000_000;

    /// <summary><c>--query.max-concurrency</c>.</summary>
    public int QueryMaxConcurrency { get; init; } = 20;

    /// <summary><c>--query.lookback-delta</c>.</summary>
    public TimeSpan LookbackDelta { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary><c>--rules.alert.resend-delay</c>.</summary>
    public TimeSpan ResendDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary><c>--rules.alert.for-outage-tolerance</c>.</summary>
    public TimeSpan OutageTolerance { get; init; } = TimeSpan.FromHours(1);

    /// <summary><c>--rules.alert.for-grace-period</c>.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary><c>--alertmanager.notification-queue-capacity</c>.</summary>
    public int NotificationQueueCapacity { get; init; } = 10000;

    /// <summary>Every flag by name with its value as given or defaulted, for <c>/api/v1/status/flags</c>.</summary>
    public IReadOnlyDictionary<string, string> Flags { get; init; } = new Dictionary<string, string>();
}
