using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Pharos.Exposition.Writers;

namespace Pharos.Exposition.Protobuf;

/// <summary>
/// The protobuf wire-format primitives the exposition encoder needs: tags, varints, zigzag, fixed64 doubles and
/// length-delimited strings, appended to a <see cref="ByteSink"/>; plus the matching size functions, because a
/// nested message's length must be known before its bytes are written.
/// </summary>
internal ref struct ProtoWriter
{
    private const int WireVarint = 0;
    private const int WireFixed64 = 1;
    private const int WireLengthDelimited = 2;

    private ByteSink _sink;

    public ProtoWriter(ByteSink sink) => _sink = sink;

    public void Flush() => _sink.Flush();

    public void WriteVarint(ulong value)
    {
        var span = _sink.Reserve(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        _sink.Advance(n);
    }

    public void WriteTag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    public void WriteUInt64Field(int field, ulong value)
    {
        WriteTag(field, WireVarint);
        WriteVarint(value);
    }

    public void WriteInt64Field(int field, long value)
    {
        WriteTag(field, WireVarint);
        WriteVarint((ulong)value);
    }

    public void WriteSInt64Field(int field, long value)
    {
        WriteTag(field, WireVarint);
        WriteVarint(ZigZag(value));
    }

    public void WriteDoubleField(int field, double value)
    {
        WriteTag(field, WireFixed64);
        BinaryPrimitives.WriteDoubleLittleEndian(_sink.Reserve(8), value);
        _sink.Advance(8);
    }

    public void WriteStringField(int field, string value)
    {
        WriteTag(field, WireLengthDelimited);
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)length);
        _sink.WriteUtf8(value);
    }

    /// <summary>Starts an embedded message of <paramref name="length"/> bytes; the caller writes exactly that many.</summary>
    public void WriteMessageHeader(int field, int length)
    {
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)length);
    }

    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    public static int VarintSize(ulong value) => ((BitOperations.Log2(value | 1) * 9) + 73) / 64;

    public static int TagSize(int field) => VarintSize((ulong)(field << 3));

    public static int UInt64FieldSize(int field, ulong value) => TagSize(field) + VarintSize(value);

    public static int Int64FieldSize(int field, long value) => TagSize(field) + VarintSize((ulong)value);

    public static int SInt64FieldSize(int field, long value) => TagSize(field) + VarintSize(ZigZag(value));

    public static int DoubleFieldSize(int field) => TagSize(field) + 8;

    public static int StringFieldSize(int field, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        return TagSize(field) + VarintSize((ulong)length) + length;
    }

    public static int MessageFieldSize(int field, int length) => TagSize(field) + VarintSize((ulong)length) + length;
}
