namespace Pharos.Exporters.Blackbox.Config;

/// <summary>Client TLS settings (<c>tls_config</c>), as the Prometheus common library's.</summary>
internal sealed class TlsClientConfig
{
    public string? Ca { get; set; }

    public string? CaFile { get; set; }

    public string? Cert { get; set; }

    public string? CertFile { get; set; }

    public string? Key { get; set; }

    public string? KeyFile { get; set; }

    public string? ServerName { get; set; }

    public bool InsecureSkipVerify { get; set; }

    public string? MinVersion { get; set; }

    public string? MaxVersion { get; set; }
}
