using Pharos.Config.Discovery;
using Pharos.Model;
using Pharos.Model.Relabel;

namespace Pharos.Config;

/// <summary>One entry of <c>scrape_configs</c>: a job, its targets' discovery, HTTP client, limits and relabeling.</summary>
public sealed class ScrapeConfig
{
    private static readonly string[] Fields =
    [
        "job_name", "honor_labels", "honor_timestamps", "track_timestamps_staleness", "params", "scrape_interval",
        "scrape_timeout", "scrape_protocols", "fallback_scrape_protocol", "scrape_native_histograms",
        "always_scrape_classic_histograms", "scrape_classic_histograms", "convert_classic_histograms_to_nhcb",
        "scrape_failure_log_file", "metrics_path", "scheme", "enable_compression", "body_size_limit", "sample_limit",
        "target_limit", "label_limit", "label_name_length_limit", "label_value_length_limit",
        "native_histogram_bucket_limit", "native_histogram_min_bucket_factor", "keep_dropped_targets",
        "metric_name_validation_scheme", "metric_name_escaping_scheme", "extra_scrape_metrics", "relabel_configs",
        "metric_relabel_configs",
    ];

    /// <summary>The job name, the default <c>job</c> label; unique across the configuration.</summary>
    public string JobName { get; set; } = "";

    /// <summary>Whether labels from the target win over the server's on conflicts.</summary>
    public bool HonorLabels { get; set; }

    /// <summary>Whether exposed timestamps are kept (default true).</summary>
    public bool HonorTimestamps { get; set; } = true;

    /// <summary>Whether series with exposed timestamps get staleness markers.</summary>
    public bool TrackTimestampsStaleness { get; set; }

    /// <summary>URL query parameters of the scrape.</summary>
    public List<KeyValuePair<string, List<string>>> Params { get; set; } = [];

    /// <summary>Scrape interval (defaults to the global one).</summary>
    public TimeSpan ScrapeInterval { get; set; }

    /// <summary>Scrape timeout (defaults to the global one, capped at the interval).</summary>
    public TimeSpan ScrapeTimeout { get; set; }

    /// <summary>Protocols offered in the Accept header, in preference order.</summary>
    public List<string> ScrapeProtocols { get; set; } = [];

    /// <summary>Protocol assumed when the target's Content-Type is missing or unknown, or empty.</summary>
    public string FallbackScrapeProtocol { get; set; } = "";

    /// <summary>Whether native histograms are scraped.</summary>
    public bool ScrapeNativeHistograms { get; set; }

    /// <summary>Whether classic histograms are kept when a native one is exposed too.</summary>
    public bool AlwaysScrapeClassicHistograms { get; set; }

    /// <summary>Whether classic histograms become native histograms with custom buckets.</summary>
    public bool ConvertClassicHistogramsToNhcb { get; set; }

    /// <summary>File scrape failures are logged to, or empty.</summary>
    public string ScrapeFailureLogFile { get; set; } = "";

    /// <summary>The HTTP path (default <c>/metrics</c>).</summary>
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>The URL scheme (default <c>http</c>).</summary>
    public string Scheme { get; set; } = "http";

    /// <summary>Whether gzip is requested (default true).</summary>
    public bool EnableCompression { get; set; } = true;

    /// <summary>Uncompressed body size limit in bytes; 0 means none.</summary>
    public long BodySizeLimit { get; set; }

    /// <summary>Samples per scrape after metric relabeling; 0 means none.</summary>
    public ulong SampleLimit { get; set; }

    /// <summary>Targets after target relabeling; 0 means none.</summary>
    public ulong TargetLimit { get; set; }

    /// <summary>Labels per series; 0 means none.</summary>
    public ulong LabelLimit { get; set; }

    /// <summary>Label name length; 0 means none.</summary>
    public ulong LabelNameLengthLimit { get; set; }

    /// <summary>Label value length; 0 means none.</summary>
    public ulong LabelValueLengthLimit { get; set; }

    /// <summary>Buckets per native histogram before merging; 0 means none.</summary>
    public ulong NativeHistogramBucketLimit { get; set; }

    /// <summary>Minimum growth factor between native histogram buckets before merging.</summary>
    public double NativeHistogramMinBucketFactor { get; set; }

    /// <summary>Dropped targets kept for the API; 0 means all.</summary>
    public ulong KeepDroppedTargets { get; set; }

    /// <summary>How names are validated for this job.</summary>
    public NameValidationScheme MetricNameValidationScheme { get; set; }

    /// <summary>Escaping requested from the targets.</summary>
    public string MetricNameEscapingScheme { get; set; } = "";

    /// <summary>Whether the extra scrape metrics are recorded.</summary>
    public bool ExtraScrapeMetrics { get; set; }

    /// <summary>Service discovery entries, in file order.</summary>
    public List<IServiceDiscoveryConfig> ServiceDiscoveryConfigs { get; set; } = [];

    /// <summary>The HTTP client.</summary>
    public HttpClientConfig HttpClientConfig { get; set; } = new();

    /// <summary>Target relabeling rules.</summary>
    public List<RelabelConfig> RelabelConfigs { get; set; } = [];

    /// <summary>Metric relabeling rules.</summary>
    public List<RelabelConfig> MetricRelabelConfigs { get; set; } = [];

    /// <summary>The settings target label derivation needs (<see cref="TargetLabels"/>).</summary>
    /// <returns>The settings.</returns>
    public ScrapeTargetSettings ToTargetSettings() => new(
        JobName,
        Scheme,
        MetricsPath,
        ScrapeInterval,
        ScrapeTimeout,
        Params.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal),
        RelabelConfigs);

    internal static List<IServiceDiscoveryConfig> ReadServiceDiscovery(ConfigSection m, ISet<string> known)
    {
        var result = new List<IServiceDiscoveryConfig>();
        foreach (var key in m.Keys.ToList())
        {
            if (known.Contains(key) || !ServiceDiscoveryRegistry.TryGet(key, out var read))
            {
                continue;
            }

            var entries = m.List(key, (node, path, _) => read(m.Open(node!, path, key)), $"empty or null section in {key}");
            result.AddRange(entries ?? []);
        }

        return result;
    }

    internal static void CheckStaticTargets(ConfigSection m, List<IServiceDiscoveryConfig> configs, int relabelCount)
    {
        if (relabelCount > 0)
        {
            return;
        }

        foreach (var sc in configs.OfType<StaticConfig>())
        {
            foreach (var t in sc.Group.Targets)
            {
                if (t.Contains('/', StringComparison.Ordinal))
                {
                    throw m.Error(StaticConfig.YamlKey, $"{GoQuoting.Quote(t)} is not a valid hostname");
                }
            }
        }
    }

    internal static ScrapeConfig Read(ConfigSection m, GlobalConfig global)
    {
        var c = new ScrapeConfig
        {
            JobName = m.String("job_name") ?? "",
            HonorLabels = m.Bool("honor_labels") ?? false,
            HonorTimestamps = m.Bool("honor_timestamps") ?? true,
            TrackTimestampsStaleness = m.Bool("track_timestamps_staleness") ?? false,
            ScrapeInterval = m.Duration("scrape_interval") ?? TimeSpan.Zero,
            ScrapeTimeout = m.Duration("scrape_timeout") ?? TimeSpan.Zero,
            FallbackScrapeProtocol = m.String("fallback_scrape_protocol") ?? "",
            ScrapeFailureLogFile = m.String("scrape_failure_log_file") ?? "",
            MetricsPath = m.String("metrics_path") is { Length: > 0 } path ? path : "/metrics",
            Scheme = m.String("scheme") is { Length: > 0 } scheme ? scheme : "http",
            EnableCompression = m.Bool("enable_compression") ?? true,
            BodySizeLimit = m.Bytes("body_size_limit") ?? 0,
            SampleLimit = m.UInt("sample_limit") ?? 0,
            TargetLimit = m.UInt("target_limit") ?? 0,
            LabelLimit = m.UInt("label_limit") ?? 0,
            LabelNameLengthLimit = m.UInt("label_name_length_limit") ?? 0,
            LabelValueLengthLimit = m.UInt("label_value_length_limit") ?? 0,
            NativeHistogramBucketLimit = m.UInt("native_histogram_bucket_limit") ?? 0,
            NativeHistogramMinBucketFactor = m.Float("native_histogram_min_bucket_factor") ?? 0,
            KeepDroppedTargets = m.UInt("keep_dropped_targets") ?? 0,
            MetricNameEscapingScheme = m.String("metric_name_escaping_scheme") ?? "",
        };
        var protocols = m.StringList("scrape_protocols");
        var nativeHistograms = m.Bool("scrape_native_histograms");
        // NOTE: scrape_classic_histograms is the Prometheus 2.x spelling of always_scrape_classic_histograms; both are read.
        var alwaysClassic = m.Bool("always_scrape_classic_histograms") ?? m.Bool("scrape_classic_histograms");
        var nhcb = m.Bool("convert_classic_histograms_to_nhcb");
        var extra = m.Bool("extra_scrape_metrics");
        var localScheme = GlobalConfig.ReadValidationScheme(m, "metric_name_validation_scheme");
        c.MetricNameValidationScheme = localScheme ?? global.MetricNameValidationScheme;
        if (m.Map("params", "url.Values") is { } p)
        {
            foreach (var key in p.Keys.ToList())
            {
                c.Params.Add(new(key, p.StringList(key) ?? []));
            }

            p.Finish();
        }

        c.HttpClientConfig = HttpClientConfig.Read(m);
        c.RelabelConfigs = RelabelConfigReader.ReadList(m, "relabel_configs", c.MetricNameValidationScheme, "empty or null target relabeling rule in scrape config");
        c.MetricRelabelConfigs = RelabelConfigReader.ReadList(m, "metric_relabel_configs", c.MetricNameValidationScheme, "empty or null metric relabeling rule in scrape config");
        var known = new HashSet<string>(Fields.Concat(HttpClientConfig.InlineKeys), StringComparer.Ordinal);
        c.ServiceDiscoveryConfigs = ReadServiceDiscovery(m, known);
        m.Finish();

        if (c.JobName.Length == 0)
        {
            throw m.Error("job_name is empty");
        }

        CheckStaticTargets(m, c.ServiceDiscoveryConfigs, c.RelabelConfigs.Count);

        if (c.ScrapeInterval == TimeSpan.Zero)
        {
            c.ScrapeInterval = global.ScrapeInterval;
        }

        if (c.ScrapeTimeout > c.ScrapeInterval)
        {
            throw m.Error("scrape_timeout", $"scrape timeout greater than scrape interval for scrape config with job name {GoQuoting.Quote(c.JobName)}");
        }

        if (c.ScrapeTimeout == TimeSpan.Zero)
        {
            c.ScrapeTimeout = global.ScrapeTimeout < c.ScrapeInterval ? global.ScrapeTimeout : c.ScrapeInterval;
        }

        c.BodySizeLimit = c.BodySizeLimit == 0 ? global.BodySizeLimit : c.BodySizeLimit;
        c.SampleLimit = c.SampleLimit == 0 ? global.SampleLimit : c.SampleLimit;
        c.TargetLimit = c.TargetLimit == 0 ? global.TargetLimit : c.TargetLimit;
        c.LabelLimit = c.LabelLimit == 0 ? global.LabelLimit : c.LabelLimit;
        c.LabelNameLengthLimit = c.LabelNameLengthLimit == 0 ? global.LabelNameLengthLimit : c.LabelNameLengthLimit;
        c.LabelValueLengthLimit = c.LabelValueLengthLimit == 0 ? global.LabelValueLengthLimit : c.LabelValueLengthLimit;
        c.KeepDroppedTargets = c.KeepDroppedTargets == 0 ? global.KeepDroppedTargets : c.KeepDroppedTargets;
        c.ScrapeFailureLogFile = c.ScrapeFailureLogFile.Length == 0 ? global.ScrapeFailureLogFile : c.ScrapeFailureLogFile;
        c.ScrapeNativeHistograms = nativeHistograms ?? global.ScrapeNativeHistograms;
        c.ExtraScrapeMetrics = extra ?? global.ExtraScrapeMetrics;
        c.AlwaysScrapeClassicHistograms = alwaysClassic ?? global.AlwaysScrapeClassicHistograms;
        c.ConvertClassicHistogramsToNhcb = nhcb ?? global.ConvertClassicHistogramsToNhcb;
        c.ScrapeProtocols = protocols ?? global.ScrapeProtocols ?? [.. c.ScrapeNativeHistograms ? Pharos.Config.ScrapeProtocols.ProtoFirst : Pharos.Config.ScrapeProtocols.Default];
        if (Pharos.Config.ScrapeProtocols.ValidateList(c.ScrapeProtocols) is { } protocolError)
        {
            throw m.Error("scrape_protocols", $"{protocolError} for scrape config with job name {GoQuoting.Quote(c.JobName)}");
        }

        if (c.FallbackScrapeProtocol.Length > 0 && Pharos.Config.ScrapeProtocols.ValidateOne(c.FallbackScrapeProtocol) is { } fallbackError)
        {
            throw m.Error("fallback_scrape_protocol", $"invalid fallback_scrape_protocol for scrape config with job name {GoQuoting.Quote(c.JobName)}: {fallbackError}");
        }

        ValidateEscaping(m, c, global, localScheme is null);
        return c;
    }

    private static readonly string[] EscapingSchemes = ["allow-utf-8", "underscores", "dots", "values"];

    private static void ValidateEscaping(ConfigSection m, ScrapeConfig c, GlobalConfig global, bool localUnset)
    {
        var globalEscaping = global.MetricNameEscapingScheme;
        if (globalEscaping.Length == 0)
        {
            globalEscaping = global.MetricNameValidationScheme == NameValidationScheme.Legacy ? "underscores" : "allow-utf-8";
        }
        else if (!EscapingSchemes.Contains(globalEscaping))
        {
            throw m.Error($"unknown global name escaping method specified, must be one of 'allow-utf-8', 'underscores', 'dots', or 'values', got {GoQuoting.Quote(globalEscaping)}");
        }

        if (c.MetricNameEscapingScheme.Length == 0)
        {
            c.MetricNameEscapingScheme = localUnset ? globalEscaping
                : c.MetricNameValidationScheme == NameValidationScheme.Legacy ? "underscores" : "allow-utf-8";
        }

        if (c.MetricNameEscapingScheme == "allow-utf-8" && c.MetricNameValidationScheme != NameValidationScheme.Utf8)
        {
            throw m.Error("metric_name_escaping_scheme", "utf8 metric names requested but validation scheme is not set to UTF8");
        }

        if (!EscapingSchemes.Contains(c.MetricNameEscapingScheme))
        {
            throw m.Error("metric_name_escaping_scheme", $"unknown scrape config name escaping method specified, must be one of 'allow-utf-8', 'underscores', 'dots', or 'values', got {GoQuoting.Quote(c.MetricNameEscapingScheme)}");
        }
    }
}
