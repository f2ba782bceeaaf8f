namespace Pharos.Discovery.Dns;

/// <summary>The DNS record types the resolver asks for or reads (RFC 1035, 3596, 2782, 6891).</summary>
internal enum DnsRecordType : ushort
{
    /// <summary>IPv4 address.</summary>
    A = 1,

    /// <summary>Name server.</summary>
    NS = 2,

    /// <summary>Canonical name (alias).</summary>
    CNAME = 5,

    /// <summary>Mail exchanger.</summary>
    MX = 15,

    /// <summary>IPv6 address.</summary>
    AAAA = 28,

    /// <summary>Service locator.</summary>
    SRV = 33,

    /// <summary>EDNS(0) pseudo-record.</summary>
    OPT = 41,
}
