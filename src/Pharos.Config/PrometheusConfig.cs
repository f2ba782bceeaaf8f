using System.Text.RegularExpressions;

namespace Pharos.Config;

/// <summary>
/// A loaded <c>prometheus.yml</c> with every default filled in, as upstream's <c>config.Config</c>. Relative paths
/// are kept as written; <see cref="Directory"/> is what they are relative to. Treat as read-only once loaded.
/// </summary>
public sealed partial class PrometheusConfig
{
    /// <summary>The directory of the file the configuration came from, or empty.</summary>
    public string Directory { get; set; } = "";

    /// <summary>The <c>global</c> section.</summary>
    public GlobalConfig Global { get; set; } = new();

    /// <summary>The <c>runtime.gogc</c> setting (kept for compatibility; unused by .NET).</summary>
    public long GoGc { get; set; } = 75;

    /// <summary>The <c>alerting</c> section.</summary>
    public AlertingConfig Alerting { get; set; } = new();

    /// <summary>Rule file globs.</summary>
    public List<string> RuleFiles { get; set; } = [];

    /// <summary>Globs of files holding more <c>scrape_configs</c>.</summary>
    public List<string> ScrapeConfigFiles { get; set; } = [];

    /// <summary>The scrape configurations of this file (see <see cref="ConfigLoader.GetScrapeConfigs"/> for those of <see cref="ScrapeConfigFiles"/> too).</summary>
    public List<ScrapeConfig> ScrapeConfigs { get; set; } = [];

    /// <summary>The <c>storage</c> section.</summary>
    public StorageConfig Storage { get; set; } = new();

    /// <summary>The <c>tracing</c> section.</summary>
    public TracingConfig Tracing { get; set; } = new();

    /// <summary>The <c>remote_write</c> entries.</summary>
    public List<RemoteWriteConfig> RemoteWrite { get; set; } = [];

    /// <summary>The <c>remote_read</c> entries.</summary>
    public List<RemoteReadConfig> RemoteRead { get; set; } = [];

    /// <summary>The <c>otlp</c> section, as written (key to value).</summary>
    public List<KeyValuePair<string, string>> Otlp { get; set; } = [];

    // A rule or scrape config file pattern may use a glob only in its last path element, as upstream.
    [GeneratedRegex(@"^[^*]*(\*[^/]*)?$")]
    internal static partial Regex FilePattern();
}
