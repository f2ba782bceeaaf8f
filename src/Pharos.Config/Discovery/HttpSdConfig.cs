using Pharos.Model;
using YamlDotNet.RepresentationModel;

namespace Pharos.Config.Discovery;

/// <summary>One entry of <c>http_sd_configs</c>: a URL returning target groups as JSON, polled every <see cref="RefreshInterval"/>.</summary>
public sealed class HttpSdConfig : IServiceDiscoveryConfig
{
    /// <summary>The YAML key of the list.</summary>
    public const string YamlKey = "http_sd_configs";

    /// <inheritdoc />
    public string Key => YamlKey;

    /// <summary>The endpoint (http or https).</summary>
    public string Url { get; set; } = "";

    /// <summary>Polling interval (default 1m).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>HTTP client settings for the endpoint.</summary>
    public HttpClientConfig HttpClientConfig { get; set; } = new();

    /// <inheritdoc />
    public void WriteTo(YamlMappingNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        ConfigWriter.AppendHttpClientConfig(node, HttpClientConfig);
        node.Add("refresh_interval", PrometheusDuration.Format(RefreshInterval));
        node.Add("url", Url);
    }

    internal static IServiceDiscoveryConfig Read(ConfigSection m)
    {
        var c = new HttpSdConfig
        {
            Url = m.String("url") ?? "",
            RefreshInterval = m.Duration("refresh_interval") ?? TimeSpan.FromMinutes(1),
            HttpClientConfig = HttpClientConfig.Read(m),
        };
        m.Finish();
        if (c.Url.Length == 0)
        {
            throw m.Error("URL is missing");
        }

        if (!HttpClientConfig.TryParseUrl(c.Url, out var urlError))
        {
            throw m.Error("url", urlError);
        }

        var schemeEnd = c.Url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? c.Url[..schemeEnd] : "";
        if (scheme is not ("http" or "https"))
        {
            throw m.Error("url", "URL scheme must be 'http' or 'https'");
        }

        var host = c.Url[(schemeEnd + 3)..].Split('/', '?', '#')[0];
        if (host.Length == 0)
        {
            throw m.Error("url", "host is missing in URL");
        }

        return c;
    }
}
