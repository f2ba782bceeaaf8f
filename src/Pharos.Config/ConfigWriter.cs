using System.Globalization;
using Pharos.Model;
using Pharos.Model.Relabel;
using YamlDotNet.RepresentationModel;

namespace Pharos.Config;

/// <summary>
/// Prints the effective configuration (defaults filled in) as YAML, in upstream's field order, with every secret
/// shown as <c>&lt;secret&gt;</c> — what <c>/api/v1/status/config</c> returns. Stateless and thread-safe.
/// </summary>
public static class ConfigWriter
{
    /// <summary>The text printed in place of a secret.</summary>
    public const string Secret = "<secret>";

    /// <summary>Prints <paramref name="config"/>.</summary>
    /// <param name="config">The configuration.</param>
    /// <returns>The YAML text.</returns>
    public static string Write(PrometheusConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var root = new YamlMappingNode();
        var g = config.Global;
        var global = new YamlMappingNode
        {
            { "scrape_interval", PrometheusDuration.Format(g.ScrapeInterval) },
            { "scrape_timeout", PrometheusDuration.Format(g.ScrapeTimeout) },
        };
        if (g.ScrapeProtocols is { } protocols)
        {
            global.Add("scrape_protocols", List(protocols));
        }

        global.Add("evaluation_interval", PrometheusDuration.Format(g.EvaluationInterval));
        global.Add("rule_query_offset", PrometheusDuration.Format(g.RuleQueryOffset));
        AddIf(global, "query_log_file", g.QueryLogFile);
        AddIf(global, "scrape_failure_log_file", g.ScrapeFailureLogFile);
        if (!g.ExternalLabels.IsEmpty)
        {
            var labels = new YamlMappingNode();
            foreach (var l in g.ExternalLabels)
            {
                labels.Add(l.Name, l.Value);
            }

            global.Add("external_labels", labels);
        }

        AddIf(global, "body_size_limit", g.BodySizeLimit == 0 ? "" : ByteSize.Format(g.BodySizeLimit));
        AddIf(global, "sample_limit", g.SampleLimit);
        AddIf(global, "target_limit", g.TargetLimit);
        AddIf(global, "label_limit", g.LabelLimit);
        AddIf(global, "label_name_length_limit", g.LabelNameLengthLimit);
        AddIf(global, "label_value_length_limit", g.LabelValueLengthLimit);
        AddIf(global, "keep_dropped_targets", g.KeepDroppedTargets);
        global.Add("metric_name_validation_scheme", g.MetricNameValidationScheme == NameValidationScheme.Legacy ? "legacy" : "utf8");
        AddIf(global, "metric_name_escaping_scheme", g.MetricNameEscapingScheme);
        global.Add("scrape_native_histograms", Bool(g.ScrapeNativeHistograms));
        root.Add("global", global);
        root.Add("runtime", new YamlMappingNode { { "gogc", config.GoGc.ToString(CultureInfo.InvariantCulture) } });

        if (config.Alerting.Alertmanagers.Count > 0 || config.Alerting.AlertRelabelConfigs.Count > 0)
        {
            var alerting = new YamlMappingNode();
            if (config.Alerting.AlertRelabelConfigs.Count > 0)
            {
                alerting.Add("alert_relabel_configs", Relabel(config.Alerting.AlertRelabelConfigs));
            }

            if (config.Alerting.Alertmanagers.Count > 0)
            {
                alerting.Add("alertmanagers", new YamlSequenceNode(config.Alerting.Alertmanagers.Select(Alertmanager)));
            }

            root.Add("alerting", alerting);
        }

        if (config.RuleFiles.Count > 0)
        {
            root.Add("rule_files", List(config.RuleFiles));
        }

        if (config.ScrapeConfigFiles.Count > 0)
        {
            root.Add("scrape_config_files", List(config.ScrapeConfigFiles));
        }

        if (config.ScrapeConfigs.Count > 0)
        {
            root.Add("scrape_configs", new YamlSequenceNode(config.ScrapeConfigs.Select(Scrape)));
        }

        if (config.RemoteWrite.Count > 0)
        {
            root.Add("remote_write", new YamlSequenceNode(config.RemoteWrite.Select(RemoteWrite)));
        }

        if (config.RemoteRead.Count > 0)
        {
            root.Add("remote_read", new YamlSequenceNode(config.RemoteRead.Select(RemoteRead)));
        }

        var storage = new YamlMappingNode();
        if (config.Storage.HasTsdb)
        {
            storage.Add("tsdb", new YamlMappingNode { { "out_of_order_time_window", PrometheusDuration.Format(config.Storage.OutOfOrderTimeWindow) } });
        }

        storage.Add("exemplars", new YamlMappingNode { { "max_exemplars", config.Storage.MaxExemplars.ToString(CultureInfo.InvariantCulture) } });
        root.Add("storage", storage);

        var stream = new YamlStream(new YamlDocument(root));
        var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // YamlDotNet ends a document with "...": Go's encoder does not.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    /// <summary>Adds the HTTP client fields of <paramref name="http"/> to <paramref name="node"/>, secrets redacted.</summary>
    /// <param name="node">The mapping being written.</param>
    /// <param name="http">The HTTP client configuration.</param>
    public static void AppendHttpClientConfig(YamlMappingNode node, HttpClientConfig http)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(http);
        if (http.BasicAuth is { } ba)
        {
            var m = new YamlMappingNode { { "username", ba.Username } };
            AddIf(m, "username_file", ba.UsernameFile);
            AddIf(m, "password", ba.Password.Length > 0 ? Secret : "");
            AddIf(m, "password_file", ba.PasswordFile);
            node.Add("basic_auth", m);
        }

        if (http.Authorization is { } auth)
        {
            var m = new YamlMappingNode { { "type", auth.Type } };
            AddIf(m, "credentials", auth.Credentials.Length > 0 ? Secret : "");
            AddIf(m, "credentials_file", auth.CredentialsFile);
            node.Add("authorization", m);
        }

        if (http.OAuth2 is { } o)
        {
            var m = new YamlMappingNode { { "client_id", o.ClientId } };
            AddIf(m, "client_secret", o.ClientSecret.Length > 0 ? Secret : "");
            AddIf(m, "client_secret_file", o.ClientSecretFile);
            if (o.Scopes.Count > 0)
            {
                m.Add("scopes", List(o.Scopes));
            }

            m.Add("token_url", o.TokenUrl);
            if (o.EndpointParams.Count > 0)
            {
                var p = new YamlMappingNode();
                foreach (var (k, v) in o.EndpointParams)
                {
                    p.Add(k, v);
                }

                m.Add("endpoint_params", p);
            }

            m.Add("tls_config", Tls(o.TlsConfig));
            AppendProxy(m, o.Proxy);
            node.Add("oauth2", m);
        }

        node.Add("tls_config", Tls(http.TlsConfig));
        AppendProxy(node, http.Proxy);
        node.Add("follow_redirects", Bool(http.FollowRedirects));
        node.Add("enable_http2", Bool(http.EnableHttp2));
        if (http.HttpHeaders.Count > 0)
        {
            var headers = new YamlMappingNode();
            foreach (var (name, h) in http.HttpHeaders)
            {
                var m = new YamlMappingNode();
                if (h.Values.Count > 0)
                {
                    m.Add("values", List(h.Values));
                }

                if (h.Secrets.Count > 0)
                {
                    m.Add("secrets", List(h.Secrets.Select(_ => Secret)));
                }

                if (h.Files.Count > 0)
                {
                    m.Add("files", List(h.Files));
                }

                headers.Add(name, m);
            }

            node.Add("http_headers", headers);
        }
    }

    private static YamlMappingNode Scrape(ScrapeConfig c)
    {
        var m = new YamlMappingNode
        {
            { "job_name", c.JobName },
            { "honor_labels", Bool(c.HonorLabels) },
            { "honor_timestamps", Bool(c.HonorTimestamps) },
            { "track_timestamps_staleness", Bool(c.TrackTimestampsStaleness) },
        };
        if (c.Params.Count > 0)
        {
            var p = new YamlMappingNode();
            foreach (var (k, v) in c.Params)
            {
                p.Add(k, List(v));
            }

            m.Add("params", p);
        }

        m.Add("scrape_interval", PrometheusDuration.Format(c.ScrapeInterval));
        m.Add("scrape_timeout", PrometheusDuration.Format(c.ScrapeTimeout));
        m.Add("scrape_protocols", List(c.ScrapeProtocols));
        AddIf(m, "fallback_scrape_protocol", c.FallbackScrapeProtocol);
        m.Add("scrape_native_histograms", Bool(c.ScrapeNativeHistograms));
        m.Add("always_scrape_classic_histograms", Bool(c.AlwaysScrapeClassicHistograms));
        m.Add("convert_classic_histograms_to_nhcb", Bool(c.ConvertClassicHistogramsToNhcb));
        AddIf(m, "scrape_failure_log_file", c.ScrapeFailureLogFile);
        m.Add("metrics_path", c.MetricsPath);
        m.Add("scheme", c.Scheme);
        m.Add("enable_compression", Bool(c.EnableCompression));
        AddIf(m, "body_size_limit", c.BodySizeLimit == 0 ? "" : ByteSize.Format(c.BodySizeLimit));
        AddIf(m, "sample_limit", c.SampleLimit);
        AddIf(m, "target_limit", c.TargetLimit);
        AddIf(m, "label_limit", c.LabelLimit);
        AddIf(m, "label_name_length_limit", c.LabelNameLengthLimit);
        AddIf(m, "label_value_length_limit", c.LabelValueLengthLimit);
        AddIf(m, "native_histogram_bucket_limit", c.NativeHistogramBucketLimit);
        AddIf(m, "keep_dropped_targets", c.KeepDroppedTargets);
        m.Add("metric_name_validation_scheme", c.MetricNameValidationScheme == NameValidationScheme.Legacy ? "legacy" : "utf8");
        m.Add("metric_name_escaping_scheme", c.MetricNameEscapingScheme);
        AppendHttpClientConfig(m, c.HttpClientConfig);
        AppendDiscovery(m, c.ServiceDiscoveryConfigs);
        if (c.RelabelConfigs.Count > 0)
        {
            m.Add("relabel_configs", Relabel(c.RelabelConfigs));
        }

        if (c.MetricRelabelConfigs.Count > 0)
        {
            m.Add("metric_relabel_configs", Relabel(c.MetricRelabelConfigs));
        }

        return m;
    }

    private static YamlMappingNode Alertmanager(AlertmanagerConfig c)
    {
        var m = new YamlMappingNode();
        AppendHttpClientConfig(m, c.HttpClientConfig);
        m.Add("scheme", c.Scheme);
        AddIf(m, "path_prefix", c.PathPrefix);
        m.Add("timeout", PrometheusDuration.Format(c.Timeout));
        m.Add("api_version", c.ApiVersion);
        AppendDiscovery(m, c.ServiceDiscoveryConfigs);
        if (c.RelabelConfigs.Count > 0)
        {
            m.Add("relabel_configs", Relabel(c.RelabelConfigs));
        }

        if (c.AlertRelabelConfigs.Count > 0)
        {
            m.Add("alert_relabel_configs", Relabel(c.AlertRelabelConfigs));
        }

        return m;
    }

    private static YamlMappingNode RemoteWrite(RemoteWriteConfig c)
    {
        var m = new YamlMappingNode { { "url", RedactUrl(c.Url) }, { "remote_timeout", PrometheusDuration.Format(c.RemoteTimeout) } };
        if (c.Headers.Count > 0)
        {
            var h = new YamlMappingNode();
            foreach (var (k, v) in c.Headers)
            {
                h.Add(k, v);
            }

            m.Add("headers", h);
        }

        if (c.WriteRelabelConfigs.Count > 0)
        {
            m.Add("write_relabel_configs", Relabel(c.WriteRelabelConfigs));
        }

        AddIf(m, "name", c.Name);
        m.Add("protobuf_message", c.ProtobufMessage);
        AppendHttpClientConfig(m, c.HttpClientConfig);
        return m;
    }

    private static YamlMappingNode RemoteRead(RemoteReadConfig c)
    {
        var m = new YamlMappingNode
        {
            { "url", RedactUrl(c.Url) },
            { "remote_timeout", PrometheusDuration.Format(c.RemoteTimeout) },
        };
        AddIf(m, "name", c.Name);
        AppendHttpClientConfig(m, c.HttpClientConfig);
        m.Add("filter_external_labels", Bool(c.FilterExternalLabels));
        return m;
    }

    private static void AppendDiscovery(YamlMappingNode m, List<Discovery.IServiceDiscoveryConfig> configs)
    {
        foreach (var group in configs.GroupBy(c => c.Key))
        {
            var seq = new YamlSequenceNode();
            foreach (var sd in group)
            {
                var node = new YamlMappingNode();
                sd.WriteTo(node);
                seq.Add(node);
            }

            m.Add(group.Key, seq);
        }
    }

    private static YamlSequenceNode Relabel(List<RelabelConfig> configs)
    {
        var seq = new YamlSequenceNode();
        foreach (var r in configs)
        {
            var m = new YamlMappingNode();
            if (r.SourceLabels.Count > 0)
            {
                var sources = List(r.SourceLabels);
                sources.Style = YamlDotNet.Core.Events.SequenceStyle.Flow;
                m.Add("source_labels", sources);
            }

            m.Add("separator", r.Separator);
            // As upstream, the default regex is omitted (so keepequal/dropequal print back valid).
            if (r.RegexSet)
            {
                m.Add("regex", new YamlScalarNode(r.Regex) { Style = r.Regex.Length == 0 ? YamlDotNet.Core.ScalarStyle.DoubleQuoted : YamlDotNet.Core.ScalarStyle.Any });
            }

            AddIf(m, "modulus", r.Modulus);
            AddIf(m, "target_label", r.TargetLabel);
            m.Add("replacement", r.Replacement);
            m.Add("action", RelabelConfig.FormatAction(r.Action));
            seq.Add(m);
        }

        return seq;
    }

    private static YamlMappingNode Tls(TlsConfig t)
    {
        var m = new YamlMappingNode();
        AddIf(m, "ca", t.Ca);
        AddIf(m, "ca_file", t.CaFile);
        AddIf(m, "cert", t.Cert);
        AddIf(m, "cert_file", t.CertFile);
        AddIf(m, "key", t.Key.Length > 0 ? Secret : "");
        AddIf(m, "key_file", t.KeyFile);
        AddIf(m, "server_name", t.ServerName);
        m.Add("insecure_skip_verify", Bool(t.InsecureSkipVerify));
        AddIf(m, "min_version", t.MinVersion);
        AddIf(m, "max_version", t.MaxVersion);
        return m;
    }

    private static void AppendProxy(YamlMappingNode m, ProxyConfig p)
    {
        AddIf(m, "proxy_url", RedactUrl(p.ProxyUrl));
        AddIf(m, "no_proxy", p.NoProxy);
        if (p.ProxyFromEnvironment)
        {
            m.Add("proxy_from_environment", "true");
        }

        if (p.ProxyConnectHeader.Count > 0)
        {
            var h = new YamlMappingNode();
            foreach (var (k, v) in p.ProxyConnectHeader)
            {
                h.Add(k, List(v.Select(_ => Secret)));
            }

            m.Add("proxy_connect_header", h);
        }
    }

    // As upstream's URL printing: a password in the user info is replaced.
    private static string RedactUrl(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.IndexOf('@', StringComparison.Ordinal);
        if (scheme < 0 || at < scheme)
        {
            return url;
        }

        var userInfo = url[(scheme + 3)..at];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? url : $"{url[..(scheme + 3)]}{userInfo[..colon]}:xxxxx{url[at..]}";
    }

    private static YamlSequenceNode List(IEnumerable<string> items) => new(items.Select(i => new YamlScalarNode(i)));

    private static string Bool(bool b) => b ? "true" : "false";

    private static void AddIf(YamlMappingNode m, string key, string value)
    {
        if (value.Length > 0)
        {
            m.Add(key, value);
        }
    }

    private static void AddIf(YamlMappingNode m, string key, ulong value)
    {
        if (value != 0)
        {
            m.Add(key, value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
