using Pharos.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pharos.Config;

/// <summary>
/// Loads and validates Prometheus configuration files with upstream's defaults and verdicts. Errors are
/// <see cref="ConfigException"/>s naming file, line, column and field. Stateless and thread-safe.
/// </summary>
public static class ConfigLoader
{
    private static readonly string[] TopLevel =
    [
        "global", "runtime", "alerting", "rule_files", "scrape_config_files", "scrape_configs", "storage", "tracing",
        "remote_write", "remote_read", "otlp",
    ];

    /// <summary>Reads and validates a configuration file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="ConfigException">The file is invalid.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PrometheusConfig LoadFile(string path)
    {
        var config = Load(File.ReadAllText(path), path);
        config.Directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? "";
        return config;
    }

    /// <summary>Parses and validates configuration text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="fileName">The name used in errors.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="ConfigException">The text is invalid.</exception>
    public static PrometheusConfig Load(string yaml, string fileName = "")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var root = Parse(yaml, fileName);
        var config = new PrometheusConfig();
        if (root is null || ConfigSection.IsNull(root))
        {
            return config;
        }

        var m = new ConfigSection(root, "", fileName, "config");
        config.Global = GlobalConfig.Read(m.Map("global", "GlobalConfig"));
        var scheme = config.Global.MetricNameValidationScheme;
        if (m.Map("runtime", "RuntimeConfig") is { } runtime)
        {
            config.GoGc = runtime.Int("gogc") ?? 75;
            runtime.Finish();
        }

        config.RuleFiles = m.StringList("rule_files") ?? [];
        config.ScrapeConfigFiles = m.StringList("scrape_config_files") ?? [];
        var jobs = new Dictionary<string, bool>(StringComparer.Ordinal);
        config.ScrapeConfigs = ReadScrapeConfigs(m, config.Global, jobs);
        config.Storage = StorageConfig.Read(m.Map("storage", "StorageConfig"));
        config.Tracing = TracingConfig.Read(m.Map("tracing", "TracingConfig"));
        config.Alerting = AlertingConfig.Read(m.Map("alerting", "AlertingConfig"), scheme);

        var rwNames = new HashSet<string>(StringComparer.Ordinal);
        config.RemoteWrite = m.List("remote_write", (node, path, _) =>
        {
            var rw = RemoteWriteConfig.Read(m.Open(node!, path, "RemoteWriteConfig"), scheme);
            if (rw.Name.Length > 0 && !rwNames.Add(rw.Name))
            {
                throw m.Error(node!, path, $"found multiple remote write configs with job name {GoQuoting.Quote(rw.Name)}");
            }

            return rw;
        }, "empty or null remote write config section") ?? [];
        var rrNames = new HashSet<string>(StringComparer.Ordinal);
        config.RemoteRead = m.List("remote_read", (node, path, _) =>
        {
            var rr = RemoteReadConfig.Read(m.Open(node!, path, "RemoteReadConfig"));
            if (rr.Name.Length > 0 && !rrNames.Add(rr.Name))
            {
                throw m.Error(node!, path, $"found multiple remote read configs with job name {GoQuoting.Quote(rr.Name)}");
            }

            return rr;
        }, "empty or null remote read config section") ?? [];
        if (m.Map("otlp", "OTLPConfig") is { } otlp)
        {
            foreach (var key in otlp.Keys.ToList())
            {
                var node = otlp.Get(key);
                config.Otlp.Add(new(key, node switch
                {
                    YamlScalarNode s => s.Value ?? "",
                    YamlSequenceNode q => string.Join(",", q.Children),
                    _ => "",
                }));
            }
        }

        m.Finish();

        foreach (var (list, what) in new[] { (config.RuleFiles, "rule_files"), (config.ScrapeConfigFiles, "scrape_config_files") })
        {
            foreach (var pattern in list)
            {
                if (!PrometheusConfig.FilePattern().IsMatch(pattern))
                {
                    throw m.Error(what, what == "rule_files" ? $"invalid rule file path {GoQuoting.Quote(pattern)}" : $"invalid scrape config file path {GoQuoting.Quote(pattern)}");
                }
            }
        }

        return config;
    }

    /// <summary>
    /// The scrape configurations of the file and of every file matched by <c>scrape_config_files</c>, validated
    /// against the global section, with job names unique across all of them (upstream's <c>GetScrapeConfigs</c>).
    /// </summary>
    /// <param name="config">A configuration from <see cref="LoadFile"/>.</param>
    /// <returns>All scrape configurations.</returns>
    /// <exception cref="ConfigException">A scrape config file is invalid.</exception>
    public static IReadOnlyList<ScrapeConfig> GetScrapeConfigs(PrometheusConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var result = new List<ScrapeConfig>(config.ScrapeConfigs);
        var jobs = config.ScrapeConfigs.ToDictionary(s => s.JobName, _ => true, StringComparer.Ordinal);
        foreach (var pattern in config.ScrapeConfigFiles)
        {
            foreach (var file in Glob(config.Directory, pattern))
            {
                var root = Parse(File.ReadAllText(file), file);
                if (root is null || ConfigSection.IsNull(root))
                {
                    continue;
                }

                var m = new ConfigSection(root, "", file, "ScrapeConfigs");
                result.AddRange(ReadScrapeConfigs(m, config.Global, jobs, firstFoundIn: "main config file"));
                m.Finish();
            }
        }

        return result;
    }

    /// <summary>Expands a rule or scrape config file pattern (a glob in the last element) relative to <paramref name="directory"/>.</summary>
    /// <param name="directory">The configuration's directory.</param>
    /// <param name="pattern">The pattern as written.</param>
    /// <returns>Matching files, sorted.</returns>
    public static IReadOnlyList<string> Glob(string directory, string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var full = System.IO.Path.IsPathRooted(pattern) || directory.Length == 0 ? pattern : System.IO.Path.Combine(directory, pattern);
        var dir = System.IO.Path.GetDirectoryName(full);
        var name = System.IO.Path.GetFileName(full);
        dir = string.IsNullOrEmpty(dir) ? "." : dir;
        if (!name.Contains('*', StringComparison.Ordinal) && !name.Contains('?', StringComparison.Ordinal) && !name.Contains('[', StringComparison.Ordinal))
        {
            return File.Exists(full) ? [full] : [];
        }

        if (!System.IO.Directory.Exists(dir))
        {
            return [];
        }

        var files = System.IO.Directory.GetFiles(dir, name).Where(f => !System.IO.Path.GetFileName(f).StartsWith('.') || name.StartsWith('.')).ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static List<ScrapeConfig> ReadScrapeConfigs(ConfigSection m, GlobalConfig global, Dictionary<string, bool> jobs, string? firstFoundIn = null) =>
        m.List("scrape_configs", (node, path, _) =>
        {
            var sc = ScrapeConfig.Read(m.Open(node!, path, "ScrapeConfig"), global);
            if (!jobs.TryAdd(sc.JobName, true))
            {
                var message = firstFoundIn is null
                    ? $"found multiple scrape configs with job name {GoQuoting.Quote(sc.JobName)}"
                    : $"found multiple scrape configs with job name {GoQuoting.Quote(sc.JobName)}, first found in {firstFoundIn}";
                throw m.Error(node!, ConfigSection.Join(path, "job_name"), message);
            }

            return sc;
        }, "empty or null scrape config section") ?? [];

    private static YamlNode? Parse(string yaml, string fileName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var reason = e.InnerException is { } inner && e.Message.StartsWith("(Line", StringComparison.Ordinal) ? inner.Message : e.Message;
            throw new ConfigException(fileName, (int)e.Start.Line, (int)e.Start.Column, "", "yaml: " + StripMark(reason));
        }

        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private static string StripMark(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 1, Idx: …) - (Line: …): "; the location is reported separately.
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && i > 0 ? message[(i + 3)..] : message;
    }
}
