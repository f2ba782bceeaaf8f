namespace Pharos.Exporters.Blackbox.Config;

/// <summary>The <c>dns</c> section of a module.</summary>
internal sealed class DnsProbeConfig
{
    public string? PreferredIpProtocol { get; set; }

    public bool IpProtocolFallback { get; set; } = true;

    public bool DnsOverTls { get; set; }

    public TlsClientConfig? TlsConfig { get; set; }

    public string? SourceIpAddress { get; set; }

    public string? TransportProtocol { get; set; }

    public string? QueryClass { get; set; }

    public string? QueryName { get; set; }

    public string? QueryType { get; set; }

    public bool RecursionDesired { get; set; } = true;

    public List<string>? ValidRcodes { get; set; }

    public DnsRRValidator? ValidateAnswerRrs { get; set; }

    public DnsRRValidator? ValidateAuthorityRrs { get; set; }

    public DnsRRValidator? ValidateAdditionalRrs { get; set; }
}
