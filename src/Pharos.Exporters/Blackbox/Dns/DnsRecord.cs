namespace Pharos.Exporters.Blackbox.Dns;

/// <summary>A resource record of a response, with its text in the zone-file form upstream's regexes are written against
/// (<c>name.&#9;ttl&#9;IN&#9;TYPE&#9;data</c>).</summary>
/// <param name="Name">The owner name, fully qualified.</param>
/// <param name="Type">The type code.</param>
/// <param name="Class">The class code.</param>
/// <param name="Ttl">The TTL in seconds.</param>
/// <param name="Data">The RDATA in presentation form.</param>
internal sealed record DnsRecord(string Name, ushort Type, ushort Class, uint Ttl, string Data)
{
    /// <summary>The record as one zone-file line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{Name}\t{Ttl}\t{DnsMessage.ClassName(Class)}\t{DnsMessage.TypeName(Type)}\t{Data}";
}
