using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;

namespace Pharos.Exporters.Blackbox.Dns;

/// <summary>
/// The DNS wire format (RFC 1035) as far as the dns prober needs it: one-question queries and parsed responses with the
/// RR types upstream's probes are validated against (A, AAAA, NS, CNAME, PTR, MX, TXT, SRV, SOA; others as RFC 3597
/// <c>\# len hex</c>). Responders in tests use <see cref="EncodeResponse"/>.
/// </summary>
internal sealed class DnsMessage
{
    private static readonly Dictionary<string, ushort> Types = new(StringComparer.Ordinal)
    {
        ["A"] = 1,
        ["NS"] = 2,
        ["CNAME"] = 5,
        ["SOA"] = 6,
        ["PTR"] = 12,
        ["HINFO"] = 13,
        ["MX"] = 15,
        ["TXT"] = 16,
        ["AAAA"] = 28,
        ["LOC"] = 29,
        ["SRV"] = 33,
        ["NAPTR"] = 35,
        ["DS"] = 43,
        ["RRSIG"] = 46,
        ["NSEC"] = 47,
        ["DNSKEY"] = 48,
        ["NSEC3"] = 50,
        ["TLSA"] = 52,
        ["CDS"] = 59,
        ["CDNSKEY"] = 60,
        ["SPF"] = 99,
        ["SVCB"] = 64,
        ["HTTPS"] = 65,
        ["IXFR"] = 251,
        ["AXFR"] = 252,
        ["ANY"] = 255,
        ["URI"] = 256,
        ["CAA"] = 257,
    };

    private static readonly Dictionary<string, ushort> Classes = new(StringComparer.Ordinal)
    {
        ["IN"] = 1,
        ["CS"] = 2,
        ["CH"] = 3,
        ["HS"] = 4,
        ["NONE"] = 254,
        ["ANY"] = 255,
    };

    private static readonly string[] RcodeNames =
        ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"];

    public ushort Id { get; init; }

    public int Rcode { get; init; }

    public bool Truncated { get; init; }

    public List<DnsRecord> Answer { get; } = [];

    public List<DnsRecord> Authority { get; } = [];

    public List<DnsRecord> Additional { get; } = [];

    /// <summary>The type code of a type name; false when unknown.</summary>
    public static bool TryGetType(string name, out ushort code) => Types.TryGetValue(name, out code);

    /// <summary>The class code of a class name; false when unknown.</summary>
    public static bool TryGetClass(string name, out ushort code) => Classes.TryGetValue(name, out code);

    /// <summary>The type's mnemonic, or <c>TYPEnn</c>.</summary>
    public static string TypeName(ushort code) =>
        Types.FirstOrDefault(t => t.Value == code).Key ?? "TYPE" + code.ToString(CultureInfo.InvariantCulture);

    /// <summary>The class's mnemonic, or <c>CLASSnn</c>.</summary>
    public static string ClassName(ushort code) =>
        Classes.FirstOrDefault(t => t.Value == code).Key ?? "CLASS" + code.ToString(CultureInfo.InvariantCulture);

    /// <summary>The rcode's mnemonic.</summary>
    public static string RcodeName(int rcode) =>
        rcode < RcodeNames.Length ? RcodeNames[rcode] : rcode.ToString(CultureInfo.InvariantCulture);

    /// <summary>The rcode of a mnemonic; -1 when unknown.</summary>
    public static int RcodeOf(string name) => Array.IndexOf(RcodeNames, name);

    /// <summary>Encodes a query with one question.</summary>
    public static byte[] EncodeQuery(ushort id, string name, ushort type, ushort klass, bool recursionDesired)
    {
        var buffer = new List<byte>(64);
        WriteHeader(buffer, id, (ushort)(recursionDesired ? 0x0100 : 0), 1, 0, 0, 0);
        WriteName(buffer, name);
        WriteUInt16(buffer, type);
        WriteUInt16(buffer, klass);
        return [.. buffer];
    }

    /// <summary>Encodes a response to <paramref name="query"/> with answer records given as (type, RDATA) pairs, all
    /// owned by the question's name with TTL 300. For test responders.</summary>
    public static byte[] EncodeResponse(ReadOnlySpan<byte> query, int rcode, IEnumerable<(ushort Type, byte[] Data)> answers)
    {
        var offset = 12;
        var name = ReadName(query, ref offset);
        var buffer = new List<byte>(512);
        var answerList = answers.ToList();
        var id = BinaryPrimitives.ReadUInt16BigEndian(query);
        WriteHeader(buffer, id, (ushort)(0x8000 | 0x0400 | 0x0100 | 0x0080 | rcode), 1, (ushort)answerList.Count, 0, 0);
        buffer.AddRange(query[12..(offset + 4)].ToArray());
        foreach (var (type, data) in answerList)
        {
            WriteName(buffer, name);
            WriteUInt16(buffer, type);
            WriteUInt16(buffer, 1);
            WriteUInt16(buffer, 0);
            WriteUInt16(buffer, 300);
            WriteUInt16(buffer, (ushort)data.Length);
            buffer.AddRange(data);
        }

        return [.. buffer];
    }

    /// <summary>The question name and type of a query. For test responders.</summary>
    public static (string Name, ushort Type) ReadQuestion(ReadOnlySpan<byte> query)
    {
        var offset = 12;
        var name = ReadName(query, ref offset);
        return (name, BinaryPrimitives.ReadUInt16BigEndian(query[offset..]));
    }

    /// <summary>Encodes a name in wire form (no compression).</summary>
    public static byte[] EncodeName(string name)
    {
        var buffer = new List<byte>();
        WriteName(buffer, name);
        return [.. buffer];
    }

    /// <summary>Parses a response.</summary>
    /// <exception cref="FormatException">The message is malformed.</exception>
    public static DnsMessage Parse(ReadOnlySpan<byte> message)
    {
        try
        {
            if (message.Length < 12)
            {
                throw new FormatException("dns: message too short");
            }

            var flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
            var result = new DnsMessage
            {
                Id = BinaryPrimitives.ReadUInt16BigEndian(message),
                Rcode = flags & 0xF,
                Truncated = (flags & 0x0200) != 0,
            };
            var qd = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
            var an = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
            var ns = BinaryPrimitives.ReadUInt16BigEndian(message[8..]);
            var ar = BinaryPrimitives.ReadUInt16BigEndian(message[10..]);
            var offset = 12;
            for (var i = 0; i < qd; i++)
            {
                ReadName(message, ref offset);
                offset += 4;
            }

            ReadSection(message, ref offset, an, result.Answer);
            ReadSection(message, ref offset, ns, result.Authority);
            ReadSection(message, ref offset, ar, result.Additional);
            return result;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new FormatException("dns: malformed message", e);
        }
    }

    private static void ReadSection(ReadOnlySpan<byte> message, ref int offset, int count, List<DnsRecord> into)
    {
        for (var i = 0; i < count; i++)
        {
            var name = ReadName(message, ref offset);
            var type = BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
            var klass = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 2)..]);
            var ttl = BinaryPrimitives.ReadUInt32BigEndian(message[(offset + 4)..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 8)..]);
            offset += 10;
            var dataStart = offset;
            offset += length;
            if (offset > message.Length)
            {
                throw new FormatException("dns: record overflows message");
            }

            if (type == 41)
            {
                continue; // OPT pseudo-record: not a record of the additional section for validation.
            }

            into.Add(new DnsRecord(name, type, klass, ttl, FormatData(message, dataStart, length, type)));
        }
    }

    private static string FormatData(ReadOnlySpan<byte> message, int start, int length, ushort type)
    {
        var data = message.Slice(start, length);
        var offset = start;
        switch (type)
        {
            case 1 when length == 4:
            case 28 when length == 16:
                return new IPAddress(data).ToString();
            case 2 or 5 or 12:
                return ReadName(message, ref offset);
            case 15:
                offset += 2;
                return $"{BinaryPrimitives.ReadUInt16BigEndian(data)} {ReadName(message, ref offset)}";
            case 33:
                offset += 6;
                return $"{BinaryPrimitives.ReadUInt16BigEndian(data)} {BinaryPrimitives.ReadUInt16BigEndian(data[2..])} {BinaryPrimitives.ReadUInt16BigEndian(data[4..])} {ReadName(message, ref offset)}";
            case 6:
                {
                    var mname = ReadName(message, ref offset);
                    var rname = ReadName(message, ref offset);
                    var rest = message[offset..];
                    var numbers = new string[5];
                    for (var i = 0; i < numbers.Length; i++)
                    {
                        numbers[i] = BinaryPrimitives.ReadUInt32BigEndian(rest[(i * 4)..]).ToString(CultureInfo.InvariantCulture);
                    }

                    return string.Join(' ', [mname, rname, .. numbers]);
                }

            case 16:
                {
                    var parts = new List<string>();
                    var i = 0;
                    while (i < data.Length)
                    {
                        var n = data[i];
                        parts.Add("\"" + Encoding.ASCII.GetString(data.Slice(i + 1, n)).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
                        i += n + 1;
                    }

                    return string.Join(' ', parts);
                }

            default:
                return $"\\# {length} {Convert.ToHexStringLower(data)}";
        }
    }

    /// <summary>Reads a possibly compressed name, returning it fully qualified (<c>a.b.</c>).</summary>
    private static string ReadName(ReadOnlySpan<byte> message, ref int offset)
    {
        var labels = new StringBuilder();
        var position = offset;
        var jumped = false;
        for (var hops = 0; hops < 128; hops++)
        {
            var length = message[position];
            if (length == 0)
            {
                if (!jumped)
                {
                    offset = position + 1;
                }

                return labels.Length == 0 ? "." : labels.ToString();
            }

            if ((length & 0xC0) == 0xC0)
            {
                var pointer = BinaryPrimitives.ReadUInt16BigEndian(message[position..]) & 0x3FFF;
                if (!jumped)
                {
                    offset = position + 2;
                }

                jumped = true;
                position = pointer;
                continue;
            }

            labels.Append(Encoding.ASCII.GetString(message.Slice(position + 1, length))).Append('.');
            position += length + 1;
        }

        throw new FormatException("dns: too many compression pointers");
    }

    private static void WriteHeader(List<byte> buffer, ushort id, ushort flags, ushort qd, ushort an, ushort ns, ushort ar)
    {
        WriteUInt16(buffer, id);
        WriteUInt16(buffer, flags);
        WriteUInt16(buffer, qd);
        WriteUInt16(buffer, an);
        WriteUInt16(buffer, ns);
        WriteUInt16(buffer, ar);
    }

    private static void WriteName(List<byte> buffer, string name)
    {
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bytes = Encoding.ASCII.GetBytes(label);
            buffer.Add((byte)bytes.Length);
            buffer.AddRange(bytes);
        }

        buffer.Add(0);
    }

    private static void WriteUInt16(List<byte> buffer, ushort value)
    {
        buffer.Add((byte)(value >> 8));
        buffer.Add((byte)value);
    }
}
