using System.Net.Security;
using System.Security.Authentication;
using YamlDotNet.Serialization;

namespace Pharos.Hosting.Web;

/// <summary>The <c>tls_server_config</c> section of a web config file (exporter-toolkit names and values).</summary>
public sealed class TlsServerConfig
{
    /// <summary>The server certificate (PEM).</summary>
    [YamlMember(Alias = "cert_file")]
    public string CertFile { get; set; } = string.Empty;

    /// <summary>The server private key (PEM).</summary>
    [YamlMember(Alias = "key_file")]
    public string KeyFile { get; set; } = string.Empty;

    /// <summary>
    /// <c>NoClientCert</c> (default), <c>RequestClientCert</c>, <c>RequireAnyClientCert</c>,
    /// <c>VerifyClientCertIfGiven</c> or <c>RequireAndVerifyClientCert</c>, as Go's <c>tls.ClientAuthType</c>.
    /// </summary>
    [YamlMember(Alias = "client_auth_type")]
    public string ClientAuthType { get; set; } = "NoClientCert";

    /// <summary>CA certificates (PEM) that verify client certificates.</summary>
    [YamlMember(Alias = "client_ca_file")]
    public string ClientCaFile { get; set; } = string.Empty;

    /// <summary>Subject alternative names a client certificate must carry one of; empty allows any.</summary>
    [YamlMember(Alias = "client_allowed_sans")]
    public List<string> ClientAllowedSans { get; set; } = [];

    /// <summary>The minimum TLS version: <c>TLS10</c>, <c>TLS11</c>, <c>TLS12</c> (default) or <c>TLS13</c>.</summary>
    [YamlMember(Alias = "min_version")]
    public string MinVersion { get; set; } = "TLS12";

    /// <summary>The maximum TLS version; <c>TLS13</c> by default.</summary>
    [YamlMember(Alias = "max_version")]
    public string MaxVersion { get; set; } = "TLS13";

    /// <summary>IANA cipher suite names (TLS 1.2 and earlier); empty uses the platform defaults.</summary>
    [YamlMember(Alias = "cipher_suites")]
    public List<string> CipherSuites { get; set; } = [];

    /// <summary>Accepted for compatibility; the platform's TLS stack chooses its own preference order.</summary>
    [YamlMember(Alias = "prefer_server_cipher_suites")]
    public bool PreferServerCipherSuites { get; set; } = true;

    /// <summary>Accepted for compatibility; the platform's TLS stack chooses the curves.</summary>
    [YamlMember(Alias = "curve_preferences")]
    public List<string> CurvePreferences { get; set; } = [];

    /// <summary>Whether a client certificate is requested at all.</summary>
    public bool RequestsClientCertificate => ClientAuthType != "NoClientCert";

    /// <summary>Whether a connection without a client certificate is refused.</summary>
    public bool RequiresClientCertificate => ClientAuthType is "RequireAnyClientCert" or "RequireAndVerifyClientCert";

    /// <summary>Whether a presented client certificate is verified against <see cref="ClientCaFile"/>.</summary>
    public bool VerifiesClientCertificate => ClientAuthType is "VerifyClientCertIfGiven" or "RequireAndVerifyClientCert";

    /// <summary>The enabled protocol versions between <see cref="MinVersion"/> and <see cref="MaxVersion"/>.</summary>
    /// <returns>The protocols.</returns>
    public SslProtocols Protocols()
    {
        var min = VersionRank(MinVersion);
        var max = VersionRank(MaxVersion);
        SslProtocols result = SslProtocols.None;
#pragma warning disable SYSLIB0039 // TLS 1.0/1.1 are obsolete but selectable, as in upstream's config.
        SslProtocols[] all = [SslProtocols.Tls, SslProtocols.Tls11, SslProtocols.Tls12, SslProtocols.Tls13];
#pragma warning restore SYSLIB0039
        for (var rank = min; rank <= max; rank++)
        {
            result |= all[rank];
        }

        return result;
    }

    /// <summary>The cipher suites as .NET values (their enum names are the IANA names).</summary>
    /// <returns>The suites; empty for the platform defaults.</returns>
    public IReadOnlyList<TlsCipherSuite> CipherSuiteValues() =>
        CipherSuites.Select(name => Enum.Parse<TlsCipherSuite>(name)).ToArray();

    internal void ResolvePaths(string directory)
    {
        CertFile = Resolve(directory, CertFile);
        KeyFile = Resolve(directory, KeyFile);
        ClientCaFile = Resolve(directory, ClientCaFile);
    }

    internal void Validate()
    {
        if (CertFile.Length == 0)
        {
            throw new WebConfigException("missing cert_file");
        }

        if (KeyFile.Length == 0)
        {
            throw new WebConfigException("missing key_file");
        }

        if (ClientAuthType is not ("NoClientCert" or "RequestClientCert" or "RequireAnyClientCert" or "VerifyClientCertIfGiven" or "RequireAndVerifyClientCert"))
        {
            throw new WebConfigException("invalid ClientAuth: " + ClientAuthType);
        }

        if (ClientCaFile.Length > 0 && !VerifiesClientCertificate)
        {
            throw new WebConfigException("Client CA's have been configured without a Client Auth Policy");
        }

        if (VerifiesClientCertificate && ClientCaFile.Length == 0)
        {
            throw new WebConfigException("client_ca_file must be set with client_auth_type " + ClientAuthType);
        }

        if (VersionRank(MinVersion) > VersionRank(MaxVersion))
        {
            throw new WebConfigException("min_version must be lower or equal to max_version");
        }

        foreach (var suite in CipherSuites)
        {
            if (!Enum.TryParse<TlsCipherSuite>(suite, out _))
            {
                throw new WebConfigException($"unknown cipher: {suite}");
            }
        }
    }

    private static int VersionRank(string version) => version switch
    {
        "TLS10" => 0,
        "TLS11" => 1,
        "TLS12" => 2,
        "TLS13" => 3,
        _ => throw new WebConfigException($"unknown TLS version: {version}"),
    };

    private static string Resolve(string directory, string path) =>
        path.Length == 0 || Path.IsPathRooted(path) ? path : Path.Combine(directory, path);
}
