namespace Pharos.Config;

/// <summary>The proxy fields inlined in HTTP client configurations: <c>proxy_url</c>, <c>no_proxy</c>, <c>proxy_from_environment</c>, <c>proxy_connect_header</c>.</summary>
public sealed class ProxyConfig
{
    /// <summary>The proxy URL, or empty.</summary>
    public string ProxyUrl { get; set; } = "";

    /// <summary>Comma-separated hosts, domains and CIDRs not to proxy.</summary>
    public string NoProxy { get; set; } = "";

    /// <summary>Whether to take the proxy from <c>HTTP_PROXY</c>/<c>HTTPS_PROXY</c>/<c>NO_PROXY</c>.</summary>
    public bool ProxyFromEnvironment { get; set; }

    /// <summary>Headers sent to the proxy on CONNECT (values are secrets).</summary>
    public List<KeyValuePair<string, List<string>>> ProxyConnectHeader { get; set; } = [];

    internal static ProxyConfig Read(ConfigSection m)
    {
        var c = new ProxyConfig
        {
            ProxyUrl = m.String("proxy_url") ?? "",
            NoProxy = m.String("no_proxy") ?? "",
            ProxyFromEnvironment = m.Bool("proxy_from_environment") ?? false,
        };
        if (m.Map("proxy_connect_header", "ProxyHeader") is { } headers)
        {
            foreach (var name in headers.Keys.ToList())
            {
                c.ProxyConnectHeader.Add(new(name, headers.StringList(name) ?? []));
            }

            headers.Finish();
        }

        if (c.ProxyUrl.Length > 0 && !HttpClientConfig.TryParseUrl(c.ProxyUrl, out var urlError))
        {
            throw m.Error("proxy_url", urlError);
        }

        string? error = null;
        if (c.ProxyConnectHeader.Count > 0 && !c.ProxyFromEnvironment && c.ProxyUrl.Length == 0)
        {
            error = "if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured";
        }
        else if (c.ProxyFromEnvironment && c.ProxyUrl.Length > 0)
        {
            error = "if proxy_from_environment is configured, proxy_url must not be configured";
        }
        else if (c.ProxyFromEnvironment && c.NoProxy.Length > 0)
        {
            error = "if proxy_from_environment is configured, no_proxy must not be configured";
        }
        else if (c.ProxyUrl.Length == 0 && c.NoProxy.Length > 0)
        {
            error = "if no_proxy is configured, proxy_url must also be configured";
        }

        return error is null ? c : throw m.Error(error);
    }
}
