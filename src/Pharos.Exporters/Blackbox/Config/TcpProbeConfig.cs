namespace Pharos.Exporters.Blackbox.Config;

/// <summary>The <c>tcp</c> section of a module.</summary>
internal sealed class TcpProbeConfig
{
    public string? PreferredIpProtocol { get; set; }

    public bool IpProtocolFallback { get; set; } = true;

    public string? SourceIpAddress { get; set; }

    public List<QueryResponse>? QueryResponse { get; set; }

    public bool Tls { get; set; }

    public TlsClientConfig? TlsConfig { get; set; }
}
