namespace Pharos.Exporters.Blackbox.Config;

/// <summary>The <c>icmp</c> section of a module.</summary>
internal sealed class IcmpProbeConfig
{
    public string? PreferredIpProtocol { get; set; }

    public bool IpProtocolFallback { get; set; } = true;

    public string? SourceIpAddress { get; set; }

    public int PayloadSize { get; set; }

    public bool DontFragment { get; set; }

    public int Ttl { get; set; } = 64;
}
