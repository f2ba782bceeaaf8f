using Pharos.Model;

namespace Pharos.Config;

/// <summary><c>global</c>: defaults for every scrape configuration and settings of the whole server.</summary>
public sealed class GlobalConfig
{
    /// <summary>Default scrape interval (1m).</summary>
    public TimeSpan ScrapeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Default scrape timeout (10s, at most the interval).</summary>
    public TimeSpan ScrapeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Protocols to negotiate, or null for the per-job default.</summary>
    public List<string>? ScrapeProtocols { get; set; }

    /// <summary>Default rule evaluation interval (1m).</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Default offset of rule evaluation into the past.</summary>
    public TimeSpan RuleQueryOffset { get; set; }

    /// <summary>File PromQL queries are logged to, or empty.</summary>
    public string QueryLogFile { get; set; } = "";

    /// <summary>File scrape failures are logged to, or empty.</summary>
    public string ScrapeFailureLogFile { get; set; } = "";

    /// <summary>Labels added to series and alerts sent outside (federation, remote write, Alertmanager).</summary>
    public Labels ExternalLabels { get; set; } = Labels.Empty;

    /// <summary>Default body size limit in bytes; 0 means none.</summary>
    public long BodySizeLimit { get; set; }

    /// <summary>Default sample limit; 0 means none.</summary>
    public ulong SampleLimit { get; set; }

    /// <summary>Default target limit; 0 means none.</summary>
    public ulong TargetLimit { get; set; }

    /// <summary>Default label count limit; 0 means none.</summary>
    public ulong LabelLimit { get; set; }

    /// <summary>Default label name length limit; 0 means none.</summary>
    public ulong LabelNameLengthLimit { get; set; }

    /// <summary>Default label value length limit; 0 means none.</summary>
    public ulong LabelValueLengthLimit { get; set; }

    /// <summary>Default number of dropped targets kept per job; 0 means all.</summary>
    public ulong KeepDroppedTargets { get; set; }

    /// <summary>How metric and label names are validated (UTF-8 by default).</summary>
    public NameValidationScheme MetricNameValidationScheme { get; set; } = NameValidationScheme.Utf8;

    /// <summary>Escaping requested from targets, or empty for the default of the validation scheme.</summary>
    public string MetricNameEscapingScheme { get; set; } = "";

    /// <summary>Whether native histograms are scraped.</summary>
    public bool ScrapeNativeHistograms { get; set; }

    /// <summary>Whether classic histograms are converted to native histograms with custom buckets.</summary>
    public bool ConvertClassicHistogramsToNhcb { get; set; }

    /// <summary>Whether classic histograms are kept when a native one is exposed too.</summary>
    public bool AlwaysScrapeClassicHistograms { get; set; }

    /// <summary>Whether the extra scrape metrics are recorded.</summary>
    public bool ExtraScrapeMetrics { get; set; }

    internal static GlobalConfig Read(ConfigSection? m)
    {
        var c = new GlobalConfig();
        if (m is null)
        {
            return c;
        }

        var interval = m.Duration("scrape_interval") ?? TimeSpan.Zero;
        var timeout = m.Duration("scrape_timeout") ?? TimeSpan.Zero;
        c.ScrapeProtocols = m.StringList("scrape_protocols");
        c.EvaluationInterval = m.Duration("evaluation_interval") ?? TimeSpan.Zero;
        c.RuleQueryOffset = m.Duration("rule_query_offset") ?? TimeSpan.Zero;
        c.QueryLogFile = m.String("query_log_file") ?? "";
        c.ScrapeFailureLogFile = m.String("scrape_failure_log_file") ?? "";
        c.BodySizeLimit = m.Bytes("body_size_limit") ?? 0;
        c.SampleLimit = m.UInt("sample_limit") ?? 0;
        c.TargetLimit = m.UInt("target_limit") ?? 0;
        c.LabelLimit = m.UInt("label_limit") ?? 0;
        c.LabelNameLengthLimit = m.UInt("label_name_length_limit") ?? 0;
        c.LabelValueLengthLimit = m.UInt("label_value_length_limit") ?? 0;
        c.KeepDroppedTargets = m.UInt("keep_dropped_targets") ?? 0;
        c.MetricNameValidationScheme = ReadValidationScheme(m, "metric_name_validation_scheme") ?? NameValidationScheme.Utf8;
        c.MetricNameEscapingScheme = m.String("metric_name_escaping_scheme") ?? "";
        c.ScrapeNativeHistograms = m.Bool("scrape_native_histograms") ?? false;
        c.ConvertClassicHistogramsToNhcb = m.Bool("convert_classic_histograms_to_nhcb") ?? false;
        c.AlwaysScrapeClassicHistograms = m.Bool("always_scrape_classic_histograms") ?? false;
        c.ExtraScrapeMetrics = m.Bool("extra_scrape_metrics") ?? false;
        var labels = m.StringMap("external_labels", out var keys);
        m.Finish();

        if (labels is not null)
        {
            foreach (var (name, value) in labels)
            {
                if (!NameValidation.IsValidLabelName(name, c.MetricNameValidationScheme))
                {
                    throw m.Error(keys[name], "global.external_labels", $"{GoQuoting.Quote(name)} is not a valid label name");
                }

                if (!NameValidation.IsValidLabelValue(value.AsSpan()))
                {
                    throw m.Error(keys[name], "global.external_labels", $"{GoQuoting.Quote(value)} is not a valid label value");
                }
            }

            // Upstream expands ${VAR} from the environment in external label values; an empty result is kept.
            var builder = new LabelsBuilder();
            foreach (var (name, value) in labels)
            {
                builder.Add(name, ExpandEnvironment(value));
            }

            c.ExternalLabels = builder.ToLabels();
        }

        c.ScrapeInterval = interval == TimeSpan.Zero ? TimeSpan.FromMinutes(1) : interval;
        if (timeout > c.ScrapeInterval)
        {
            throw m.Error("scrape_timeout", "global scrape timeout greater than scrape interval");
        }

        c.ScrapeTimeout = timeout == TimeSpan.Zero ? Min(TimeSpan.FromSeconds(10), c.ScrapeInterval) : timeout;
        if (c.EvaluationInterval == TimeSpan.Zero)
        {
            c.EvaluationInterval = TimeSpan.FromMinutes(1);
        }

        if (c.ScrapeProtocols is not null && Pharos.Config.ScrapeProtocols.ValidateList(c.ScrapeProtocols) is { } error)
        {
            throw m.Error("scrape_protocols", error + " for global config");
        }

        return c;
    }

    internal static NameValidationScheme? ReadValidationScheme(ConfigSection m, string key) => m.String(key) switch
    {
        null or "" => null,
        "utf8" => NameValidationScheme.Utf8,
        "legacy" => NameValidationScheme.Legacy,
        var other => throw m.Error(key, $"unrecognized name validation scheme: {GoQuoting.Quote(other)}"),
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string ExpandEnvironment(string value)
    {
        if (!value.Contains('$', StringComparison.Ordinal))
        {
            return value;
        }

        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '$' || i + 1 >= value.Length)
            {
                sb.Append(value[i]);
                continue;
            }

            if (value[i + 1] == '$')
            {
                sb.Append('$');
                i++;
            }
            else if (value[i + 1] == '{')
            {
                var close = value.IndexOf('}', i + 2);
                if (close < 0)
                {
                    sb.Append(value[i]);
                    continue;
                }

                sb.Append(Environment.GetEnvironmentVariable(value[(i + 2)..close]) ?? "");
                i = close;
            }
            else
            {
                var j = i + 1;
                while (j < value.Length && (char.IsAsciiLetterOrDigit(value[j]) || value[j] == '_'))
                {
                    j++;
                }

                if (j == i + 1)
                {
                    sb.Append('$');
                    continue;
                }

                sb.Append(Environment.GetEnvironmentVariable(value[(i + 1)..j]) ?? "");
                i = j - 1;
            }
        }

        return sb.ToString();
    }
}
