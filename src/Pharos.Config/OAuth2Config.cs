namespace Pharos.Config;

/// <summary><c>oauth2</c>: the client-credentials grant used to fetch a token for the targets.</summary>
public sealed class OAuth2Config
{
    /// <summary>The client id.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The client secret (a secret).</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Path of a file holding the client secret.</summary>
    public string ClientSecretFile { get; set; } = "";

    /// <summary>Requested scopes.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The token endpoint.</summary>
    public string TokenUrl { get; set; } = "";

    /// <summary>Extra parameters sent to the token endpoint.</summary>
    public List<KeyValuePair<string, string>> EndpointParams { get; set; } = [];

    /// <summary>TLS settings for the token endpoint.</summary>
    public TlsConfig TlsConfig { get; set; } = new();

    /// <summary>Proxy settings for the token endpoint.</summary>
    public ProxyConfig Proxy { get; set; } = new();

    internal static OAuth2Config Read(ConfigSection m)
    {
        var c = new OAuth2Config
        {
            ClientId = m.String("client_id") ?? "",
            ClientSecret = m.String("client_secret") ?? "",
            ClientSecretFile = m.String("client_secret_file") ?? "",
            Scopes = m.StringList("scopes") ?? [],
            TokenUrl = m.String("token_url") ?? "",
            EndpointParams = m.StringMap("endpoint_params", out _) ?? [],
            TlsConfig = TlsConfig.Read(m.Map("tls_config", "TLSConfig")),
            Proxy = ProxyConfig.Read(m),
        };
        m.Finish();
        return c;
    }
}
