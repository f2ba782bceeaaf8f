using Pharos.Config.Discovery;
using Pharos.Model;
using Pharos.Model.Relabel;

namespace Pharos.Config;

/// <summary>One entry of <c>alerting.alertmanagers</c>: how Alertmanagers are found and talked to.</summary>
public sealed class AlertmanagerConfig
{
    private static readonly string[] Fields = ["sigv4", "scheme", "path_prefix", "timeout", "api_version", "relabel_configs", "alert_relabel_configs"];

    /// <summary>Service discovery entries.</summary>
    public List<IServiceDiscoveryConfig> ServiceDiscoveryConfigs { get; set; } = [];

    /// <summary>The HTTP client.</summary>
    public HttpClientConfig HttpClientConfig { get; set; } = new();

    /// <summary>The URL scheme (default <c>http</c>).</summary>
    public string Scheme { get; set; } = "http";

    /// <summary>Prefix of the API path.</summary>
    public string PathPrefix { get; set; } = "";

    /// <summary>Timeout of a push (default 10s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The Alertmanager API version; only <c>v2</c> is supported.</summary>
    public string ApiVersion { get; set; } = "v2";

    /// <summary>Relabeling of discovered Alertmanagers.</summary>
    public List<RelabelConfig> RelabelConfigs { get; set; } = [];

    /// <summary>Relabeling of alerts sent to these Alertmanagers.</summary>
    public List<RelabelConfig> AlertRelabelConfigs { get; set; } = [];

    internal static AlertmanagerConfig Read(ConfigSection m, NameValidationScheme scheme)
    {
        var c = new AlertmanagerConfig
        {
            Scheme = m.String("scheme") is { Length: > 0 } s ? s : "http",
            PathPrefix = m.String("path_prefix") ?? "",
            Timeout = m.Duration("timeout") is { } t && t != TimeSpan.Zero ? t : TimeSpan.FromSeconds(10),
            ApiVersion = m.String("api_version") ?? "v2",
        };
        var sigv4 = m.Map("sigv4", "SigV4Config");
        if (sigv4 is not null)
        {
            SigV4.Read(sigv4);
        }

        c.HttpClientConfig = HttpClientConfig.Read(m);
        c.RelabelConfigs = RelabelConfigReader.ReadList(m, "relabel_configs", scheme, "empty or null Alertmanager target relabeling rule");
        c.AlertRelabelConfigs = RelabelConfigReader.ReadList(m, "alert_relabel_configs", scheme, "empty or null Alertmanager alert relabeling rule");
        c.ServiceDiscoveryConfigs = ScrapeConfig.ReadServiceDiscovery(m, new HashSet<string>(Fields.Concat(HttpClientConfig.InlineKeys), StringComparer.Ordinal));
        m.Finish();

        if (c.ApiVersion != "v2")
        {
            throw m.Error("api_version", $"expected Alertmanager api version to be one of [v2] but got {c.ApiVersion}");
        }

        var auth = c.HttpClientConfig.BasicAuth is not null || c.HttpClientConfig.Authorization is not null || c.HttpClientConfig.OAuth2 is not null;
        if (auth && sigv4 is not null)
        {
            throw m.Error("at most one of basic_auth, authorization, oauth2, & sigv4 must be configured");
        }

        ScrapeConfig.CheckStaticTargets(m, c.ServiceDiscoveryConfigs, c.RelabelConfigs.Count);
        return c;
    }
}
