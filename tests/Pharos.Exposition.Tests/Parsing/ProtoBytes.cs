using System.Buffers.Binary;
using System.Text;

namespace Pharos.Exposition.Tests.Parsing;

/// <summary>A minimal protobuf encoder for hand-built test payloads.</summary>
internal sealed class ProtoBytes
{
    private readonly List<byte> _bytes = [];

    public byte[] ToArray() => [.. _bytes];

    public ProtoBytes Varint(int field, ulong value) => Tag(field, 0).Raw(value);

    public ProtoBytes SInt(int field, long value) => Varint(field, (ulong)((value << 1) ^ (value >> 63)));

    public ProtoBytes Double(int field, double value)
    {
        Tag(field, 1);
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(b, value);
        _bytes.AddRange(b.ToArray());
        return this;
    }

    public ProtoBytes String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoBytes Message(int field, Action<ProtoBytes> build)
    {
        var inner = new ProtoBytes();
        build(inner);
        return Bytes(field, inner.ToArray());
    }

    public ProtoBytes Bytes(int field, byte[] value)
    {
        Tag(field, 2).Raw((ulong)value.Length);
        _bytes.AddRange(value);
        return this;
    }

    /// <summary>Appends a length-prefixed (delimited) message, as the exposition format frames MetricFamily.</summary>
    public ProtoBytes Delimited(Action<ProtoBytes> build)
    {
        var inner = new ProtoBytes();
        build(inner);
        Raw((ulong)inner._bytes.Count);
        _bytes.AddRange(inner._bytes);
        return this;
    }

    private ProtoBytes Tag(int field, int wireType) => Raw((ulong)((field << 3) | wireType));

    private ProtoBytes Raw(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        _bytes.Add((byte)value);
        return this;
    }
}
