namespace Pharos.Exporters.Blackbox.Config;

/// <summary>
/// The <c>http</c> section of a module, with the HTTP client settings upstream inlines into it (<c>basic_auth</c>,
/// <c>bearer_token</c>, <c>tls_config</c>, <c>follow_redirects</c>, …).
/// </summary>
internal sealed class HttpProbeConfig
{
    public List<int>? ValidStatusCodes { get; set; }

    public List<string>? ValidHttpVersions { get; set; }

    public string? PreferredIpProtocol { get; set; }

    public bool IpProtocolFallback { get; set; } = true;

    public bool SkipResolvePhaseWithProxy { get; set; }

    public bool? NoFollowRedirects { get; set; }

    public bool FailIfSsl { get; set; }

    public bool FailIfNotSsl { get; set; }

    public string? Method { get; set; }

    public Dictionary<string, string>? Headers { get; set; }

    public List<string>? FailIfBodyMatchesRegexp { get; set; }

    public List<string>? FailIfBodyNotMatchesRegexp { get; set; }

    public List<HeaderMatch>? FailIfHeaderMatches { get; set; }

    public List<HeaderMatch>? FailIfHeaderNotMatches { get; set; }

    public string? Body { get; set; }

    public string? BodyFile { get; set; }

    public string? Compression { get; set; }

    public string? BodySizeLimit { get; set; }

    public BasicAuthConfig? BasicAuth { get; set; }

    public AuthorizationConfig? Authorization { get; set; }

    public Dictionary<string, object>? Oauth2 { get; set; }

    public string? BearerToken { get; set; }

    public string? BearerTokenFile { get; set; }

    public TlsClientConfig? TlsConfig { get; set; }

    public string? ProxyUrl { get; set; }

    public string? NoProxy { get; set; }

    public bool ProxyFromEnvironment { get; set; }

    public Dictionary<string, List<string>>? ProxyConnectHeader { get; set; }

    public bool FollowRedirects { get; set; } = true;

    public bool EnableHttp2 { get; set; } = true;
}
