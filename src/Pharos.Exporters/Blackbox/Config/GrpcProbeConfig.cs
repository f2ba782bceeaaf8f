namespace Pharos.Exporters.Blackbox.Config;

/// <summary>The <c>grpc</c> section of a module: accepted so upstream files load; the grpc prober is not implemented.</summary>
internal sealed class GrpcProbeConfig
{
    public string? Service { get; set; }

    public bool Tls { get; set; }

    public TlsClientConfig? TlsConfig { get; set; }

    public bool IpProtocolFallback { get; set; } = true;

    public string? PreferredIpProtocol { get; set; }
}
