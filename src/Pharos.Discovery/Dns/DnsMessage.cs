using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Pharos.Discovery.Dns;

/// <summary>
/// The DNS wire format (RFC 1035 section 4) for one question and the answers to it: queries are encoded with
/// recursion desired and, optionally, an EDNS(0) OPT record; responses are decoded with name compression.
/// </summary>
/// <remarks>
/// <code>
/// header (12 bytes): id u16 | QR opcode AA TC RD | RA Z RCODE | qdcount u16 | ancount u16 | nscount u16 | arcount u16
/// question:          name (labels, or a 0b11 pointer) | type u16 | class u16
/// resource record:   name | type u16 | class u16 | ttl u32 | rdlength u16 | rdata
/// </code>
/// </remarks>
internal sealed class DnsMessage
{
    /// <summary>The UDP payload size announced with EDNS(0), as upstream's <c>dns.DefaultMsgSize</c>.</summary>
    public const int EdnsPayloadSize = 4096;

    private const int HeaderSize = 12;
    private const ushort ClassInternet = 1;

    // More compression pointers than any real message needs; a loop of pointers ends here.
    private const int MaxPointers = 64;

    public ushort Id { get; init; }

    public bool Truncated { get; init; }

    /// <summary>The response code: 0 success, 2 server failure, 3 name error (NXDOMAIN), 5 refused.</summary>
    public int ResponseCode { get; init; }

    public bool IsResponse { get; init; }

    public string QuestionName { get; init; } = "";

    public DnsRecordType QuestionType { get; init; }

    public IReadOnlyList<DnsRecord> Answers { get; init; } = [];

    /// <summary>Encodes a query for <paramref name="name"/> (made rooted).</summary>
    /// <exception cref="ArgumentException">A label is empty or longer than 63 bytes, or the name longer than 255.</exception>
    public static byte[] EncodeQuery(ushort id, string name, DnsRecordType type, bool edns)
    {
        var buffer = new byte[HeaderSize + 256 + 4 + (edns ? 11 : 0)];
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, id);
        span[2] = 0x01; // RD
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)(edns ? 1 : 0));
        var offset = HeaderSize + WriteName(span[HeaderSize..], name);
        BinaryPrimitives.WriteUInt16BigEndian(span[offset..], (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(span[(offset + 2)..], ClassInternet);
        offset += 4;
        if (edns)
        {
            // OPT: root name, type 41, class = payload size, ttl = extended rcode/version/flags 0, no options.
            span[offset] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(span[(offset + 1)..], (ushort)DnsRecordType.OPT);
            BinaryPrimitives.WriteUInt16BigEndian(span[(offset + 3)..], EdnsPayloadSize);
            offset += 11;
        }

        return buffer[..offset];
    }

    /// <summary>Decodes a response.</summary>
    /// <exception cref="FormatException">The message is truncated or malformed.</exception>
    public static DnsMessage Decode(ReadOnlySpan<byte> message)
    {
        if (message.Length < HeaderSize)
        {
            throw new FormatException("DNS message shorter than its header");
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        var questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        var answers = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        var offset = HeaderSize;
        var questionName = "";
        var questionType = (DnsRecordType)0;
        for (var i = 0; i < questions; i++)
        {
            var name = ReadName(message, ref offset);
            Need(message, offset, 4);
            if (i == 0)
            {
                questionName = name;
                questionType = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
            }

            offset += 4;
        }

        var records = new List<DnsRecord>(answers);
        for (var i = 0; i < answers; i++)
        {
            if (ReadRecord(message, ref offset) is { } record)
            {
                records.Add(record);
            }
        }

        return new DnsMessage
        {
            Id = BinaryPrimitives.ReadUInt16BigEndian(message),
            IsResponse = (flags & 0x8000) != 0,
            Truncated = (flags & 0x0200) != 0,
            ResponseCode = flags & 0x000F,
            QuestionName = questionName,
            QuestionType = questionType,
            Answers = records,
        };
    }

    /// <summary>Writes a rooted name in uncompressed label form.</summary>
    internal static int WriteName(Span<byte> destination, string name)
    {
        var trimmed = name.EndsWith('.') ? name[..^1] : name;
        var offset = 0;
        if (trimmed.Length > 0)
        {
            foreach (var label in trimmed.Split('.'))
            {
                var length = Encoding.UTF8.GetByteCount(label);
                if (length is 0 or > 63)
                {
                    throw new ArgumentException($"invalid DNS name \"{name}\": a label must have 1 to 63 bytes", nameof(name));
                }

                if (offset + 1 + length + 1 > 255)
                {
                    throw new ArgumentException($"invalid DNS name \"{name}\": longer than 255 bytes", nameof(name));
                }

                destination[offset++] = (byte)length;
                offset += Encoding.UTF8.GetBytes(label, destination[offset..]);
            }
        }

        destination[offset++] = 0;
        return offset;
    }

    /// <summary>Reads a possibly compressed name at <paramref name="offset"/> and moves past it; the result is rooted.</summary>
    internal static string ReadName(ReadOnlySpan<byte> message, ref int offset)
    {
        var builder = new StringBuilder();
        var position = offset;
        var end = -1;
        for (var pointers = 0; ;)
        {
            Need(message, position, 1);
            var length = message[position];
            if (length == 0)
            {
                position++;
                break;
            }

            if ((length & 0xC0) == 0xC0)
            {
                Need(message, position, 2);
                if (++pointers > MaxPointers)
                {
                    throw new FormatException("DNS name has too many compression pointers");
                }

                if (end < 0)
                {
                    end = position + 2;
                }

                position = BinaryPrimitives.ReadUInt16BigEndian(message[position..]) & 0x3FFF;
                continue;
            }

            if ((length & 0xC0) != 0)
            {
                throw new FormatException("DNS name has an unknown label type");
            }

            Need(message, position + 1, length);
            builder.Append(Encoding.UTF8.GetString(message.Slice(position + 1, length))).Append('.');
            if (builder.Length > 255)
            {
                throw new FormatException("DNS name longer than 255 bytes");
            }

            position += 1 + length;
        }

        offset = end >= 0 ? end : position;
        return builder.Length == 0 ? "." : builder.ToString();
    }

    private static DnsRecord? ReadRecord(ReadOnlySpan<byte> message, ref int offset)
    {
        var name = ReadName(message, ref offset);
        Need(message, offset, 10);
        var type = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
        var ttl = BinaryPrimitives.ReadUInt32BigEndian(message[(offset + 4)..]);
        var length = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 8)..]);
        offset += 10;
        Need(message, offset, length);
        var start = offset;
        offset += length;
        var data = message.Slice(start, length);
        var record = new DnsRecord(name, type, ttl);
        var at = start;
        switch (type)
        {
            case DnsRecordType.A when length == 4:
            case DnsRecordType.AAAA when length == 16:
                return record with { Address = new IPAddress(data) };
            case DnsRecordType.NS or DnsRecordType.CNAME:
                return record with { Target = ReadName(message, ref at) };
            case DnsRecordType.MX when length >= 3:
                at += 2;
                return record with { Priority = BinaryPrimitives.ReadUInt16BigEndian(data), Target = ReadName(message, ref at) };
            case DnsRecordType.SRV when length >= 7:
                at += 6;
                return record with
                {
                    Priority = BinaryPrimitives.ReadUInt16BigEndian(data),
                    Weight = BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
                    Port = BinaryPrimitives.ReadUInt16BigEndian(data[4..]),
                    Target = ReadName(message, ref at),
                };
            case DnsRecordType.A or DnsRecordType.AAAA or DnsRecordType.MX or DnsRecordType.SRV:
                throw new FormatException($"DNS {type} record with a bad length {length}");
            default:
                // Types we never asked for (TXT, DNAME, …): kept so callers can warn about them, without data.
                return record;
        }
    }

    private static void Need(ReadOnlySpan<byte> message, int offset, int count)
    {
        if (offset < 0 || offset + count > message.Length)
        {
            throw new FormatException("DNS message truncated");
        }
    }
}
