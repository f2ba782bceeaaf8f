using Pharos.Hosting.Web;

namespace Pharos.Alertmanager;

/// <summary>The settings of an Alertmanager, from its command-line flags.</summary>
public sealed record AlertmanagerOptions
{
    /// <summary>The web flags.</summary>
    public required WebOptions Web { get; init; }

    /// <summary><c>--config.file</c>.</summary>
    public string ConfigFile { get; init; } = "alertmanager.yml";

    /// <summary><c>--storage.path</c>: where the silence and notification log snapshots live.</summary>
    public string StoragePath { get; init; } = "data/";

    /// <summary><c>--data.retention</c>: how long expired silences and log entries are kept.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(120);

    /// <summary><c>--alerts.gc-interval</c>: how often resolved alerts are dropped from memory.</summary>
    public TimeSpan AlertGcInterval { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How often empty aggregation groups are removed (upstream: 30 s).</summary>
    public TimeSpan MaintenanceInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Every flag and its value, for <c>/api/v2/status</c>.</summary>
    public IReadOnlyDictionary<string, string> FlagValues { get; init; } = new Dictionary<string, string>();
}
