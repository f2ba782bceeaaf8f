using System.Net;

namespace Pharos.Discovery.Dns;

/// <summary>
/// One resource record of an answer. <see cref="Target"/> is the SRV target, MX exchange, NS host or CNAME
/// target as a rooted name (trailing dot); <see cref="Address"/> is set for A and AAAA.
/// </summary>
internal sealed record DnsRecord(string Name, DnsRecordType Type, uint Ttl)
{
    public IPAddress? Address { get; init; }

    public string Target { get; init; } = "";

    public ushort Port { get; init; }

    public ushort Priority { get; init; }

    public ushort Weight { get; init; }
}
