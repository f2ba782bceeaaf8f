using System.Globalization;
using Pharos.Model;

namespace Pharos.Config;

/// <summary>
/// The HTTP client fields inlined in scrape, SD, Alertmanager and remote configurations: authentication
/// (<c>basic_auth</c>, <c>authorization</c>, <c>oauth2</c>, legacy <c>bearer_token</c>/<c>bearer_token_file</c>),
/// <c>tls_config</c>, proxy, <c>follow_redirects</c> and <c>enable_http2</c>. Validated as upstream's
/// <c>HTTPClientConfig.Validate</c>; a legacy bearer token is moved into <see cref="Authorization"/>.
/// </summary>
public sealed class HttpClientConfig
{
    /// <summary>The keys this section reads from its parent mapping.</summary>
    internal static readonly string[] InlineKeys =
    [
        "basic_auth", "authorization", "oauth2", "bearer_token", "bearer_token_file", "tls_config", "follow_redirects",
        "enable_http2", "proxy_url", "no_proxy", "proxy_from_environment", "proxy_connect_header", "http_headers",
    ];

    /// <summary>Basic authentication, or null.</summary>
    public BasicAuth? BasicAuth { get; set; }

    /// <summary>The Authorization header, or null.</summary>
    public AuthorizationConfig? Authorization { get; set; }

    /// <summary>OAuth 2.0 client credentials, or null.</summary>
    public OAuth2Config? OAuth2 { get; set; }

    /// <summary>TLS settings.</summary>
    public TlsConfig TlsConfig { get; set; } = new();

    /// <summary>Whether 3xx redirects are followed (default true).</summary>
    public bool FollowRedirects { get; set; } = true;

    /// <summary>Whether HTTP/2 may be negotiated (default true; false for remote write).</summary>
    public bool EnableHttp2 { get; set; } = true;

    /// <summary>Proxy settings.</summary>
    public ProxyConfig Proxy { get; set; } = new();

    /// <summary>Extra request headers: name to values, secrets and files.</summary>
    public List<KeyValuePair<string, HttpHeader>> HttpHeaders { get; set; } = [];

    /// <summary>Whether this equals the default configuration (upstream compares with it in Kubernetes SD).</summary>
    public bool IsDefault =>
        BasicAuth is null && Authorization is null && OAuth2 is null && FollowRedirects && EnableHttp2
        && Proxy.ProxyUrl.Length == 0 && Proxy.NoProxy.Length == 0 && !Proxy.ProxyFromEnvironment && Proxy.ProxyConnectHeader.Count == 0
        && HttpHeaders.Count == 0 && TlsConfig.Ca.Length == 0 && TlsConfig.CaFile.Length == 0 && TlsConfig.Cert.Length == 0
        && TlsConfig.CertFile.Length == 0 && TlsConfig.Key.Length == 0 && TlsConfig.KeyFile.Length == 0 && TlsConfig.ServerName.Length == 0
        && !TlsConfig.InsecureSkipVerify && TlsConfig.MinVersion.Length == 0 && TlsConfig.MaxVersion.Length == 0;

    /// <summary>Checks a URL as Go's <c>url.Parse</c> would reject it (control characters, bad escapes, bad ports).</summary>
    internal static bool TryParseUrl(string text, out string error)
    {
        error = "";
        foreach (var ch in text)
        {
            if (ch < 0x20 || ch == 0x7f)
            {
                error = $"parse \"{text}\": net/url: invalid control character in URL";
                return false;
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2])))
            {
                error = $"parse \"{text}\": invalid URL escape \"{text[i..Math.Min(text.Length, i + 3)]}\"";
                return false;
            }
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0)
        {
            var rest = text[(schemeEnd + 3)..];
            var hostEnd = rest.IndexOfAny(['/', '?', '#']);
            var authority = hostEnd < 0 ? rest : rest[..hostEnd];
            var at = authority.LastIndexOf('@');
            var host = at >= 0 ? authority[(at + 1)..] : authority;
            var colon = host.StartsWith('[') ? host.IndexOf("]:", StringComparison.Ordinal) + 1 : host.LastIndexOf(':');
            if (host.StartsWith('[') && !host.Contains(']', StringComparison.Ordinal))
            {
                error = $"parse \"{text}\": missing ']' in host";
                return false;
            }

            if (colon > 0)
            {
                var port = host[(colon + 1)..];
                if (port.Length > 0 && !port.All(char.IsAsciiDigit))
                {
                    error = $"parse \"{text}\": invalid port \":{port}\" after host";
                    return false;
                }
            }
        }

        return true;
    }

    internal static HttpClientConfig Read(ConfigSection m, bool enableHttp2Default = true)
    {
        var c = new HttpClientConfig
        {
            BasicAuth = m.Map("basic_auth", "BasicAuth") is { } ba ? BasicAuth.Read(ba) : null,
            Authorization = m.Map("authorization", "Authorization") is { } au ? AuthorizationConfig.Read(au) : null,
            OAuth2 = m.Map("oauth2", "OAuth2") is { } o ? OAuth2Config.Read(o) : null,
            TlsConfig = TlsConfig.Read(m.Map("tls_config", "TLSConfig")),
            FollowRedirects = m.Bool("follow_redirects") ?? true,
            EnableHttp2 = m.Bool("enable_http2") ?? enableHttp2Default,
            Proxy = ProxyConfig.Read(m),
        };
        var bearerToken = m.String("bearer_token") ?? "";
        var bearerTokenFile = m.String("bearer_token_file") ?? "";
        if (m.Map("http_headers", "Headers") is { } headers)
        {
            foreach (var name in headers.Keys.ToList())
            {
                var h = headers.Map(name, "Header");
                var header = new HttpHeader();
                if (h is not null)
                {
                    header.Values = h.StringList("values") ?? [];
                    header.Secrets = h.StringList("secrets") ?? [];
                    header.Files = h.StringList("files") ?? [];
                    h.Finish();
                }

                c.HttpHeaders.Add(new(name, header));
            }

            headers.Finish();
        }

        Validate(m, c, bearerToken, bearerTokenFile);
        return c;
    }

    private static void Validate(ConfigSection m, HttpClientConfig c, string bearerToken, string bearerTokenFile)
    {
        var legacy = bearerToken.Length > 0 || bearerTokenFile.Length > 0;
        if (bearerToken.Length > 0 && bearerTokenFile.Length > 0)
        {
            throw m.Error("bearer_token_file", "at most one of bearer_token & bearer_token_file must be configured");
        }

        if ((c.BasicAuth is not null || c.OAuth2 is not null) && legacy)
        {
            throw m.Error(bearerToken.Length > 0 ? "bearer_token" : "bearer_token_file", "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
        }

        if (c.BasicAuth is { } ba)
        {
            if (ba.Username.Length > 0 && ba.UsernameFile.Length > 0)
            {
                throw m.Error("basic_auth", "at most one of basic_auth username, username_file & username_ref must be configured");
            }

            if (ba.Password.Length > 0 && ba.PasswordFile.Length > 0)
            {
                throw m.Error("basic_auth", "at most one of basic_auth password, password_file & password_ref must be configured");
            }
        }

        if (c.Authorization is { } auth)
        {
            if (legacy)
            {
                throw m.Error("authorization", "authorization is not compatible with bearer_token & bearer_token_file");
            }

            if (auth.Credentials.Length > 0 && auth.CredentialsFile.Length > 0)
            {
                throw m.Error("authorization", "at most one of authorization credentials & credentials_file must be configured");
            }

            if (auth.Type.Length == 0)
            {
                auth.Type = "Bearer";
            }

            if (auth.Type.Equals("basic", StringComparison.OrdinalIgnoreCase))
            {
                throw m.Error("authorization", "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
            }

            if (c.BasicAuth is not null || c.OAuth2 is not null)
            {
                throw m.Error("authorization", "at most one of basic_auth, oauth2 & authorization must be configured");
            }
        }
        else if (legacy)
        {
            c.Authorization = new AuthorizationConfig { Type = "Bearer", Credentials = bearerToken, CredentialsFile = bearerTokenFile };
        }

        if (c.OAuth2 is { } o)
        {
            if (c.BasicAuth is not null)
            {
                throw m.Error("oauth2", "at most one of basic_auth, oauth2 & authorization must be configured");
            }

            if (o.ClientId.Length == 0)
            {
                throw m.Error("oauth2", "oauth2 client_id must be configured");
            }

            if (o.TokenUrl.Length == 0)
            {
                throw m.Error("oauth2", "oauth2 token_url must be configured");
            }

            if (o.ClientSecret.Length > 0 && o.ClientSecretFile.Length > 0)
            {
                throw m.Error("oauth2", "at most one of oauth2 client_secret, client_secret_file & client_secret_ref must be configured");
            }
        }

        foreach (var (name, _) in c.HttpHeaders)
        {
            if (ReservedHeaders.Contains(name.ToLower(CultureInfo.InvariantCulture)))
            {
                throw m.Error("http_headers", $"setting header {GoQuoting.Quote(name)} is not allowed");
            }
        }
    }

    private static readonly HashSet<string> ReservedHeaders =
    [
        "authorization", "host", "content-encoding", "content-length", "content-type", "user-agent", "connection",
        "keep-alive", "proxy-authenticate", "proxy-authorization", "www-authenticate", "accept-encoding",
        "x-prometheus-remote-write-version", "x-prometheus-remote-read-version", "x-prometheus-scrape-timeout-seconds",
        "x-amz-date", "x-amz-security-token", "x-amz-content-sha256",
    ];
}
