using System.Buffers;
using System.Buffers.Binary;

namespace Pharos.Tsdb.Binary;

/// <summary>
/// Appends Prometheus's primitive encodings to a caller-owned <see cref="IBufferWriter{T}"/> (upstream
/// <c>encoding.Encbuf</c>): bytes, big-endian integers and floats, varints and length-prefixed UTF-8 strings.
/// Allocation-free. A struct over the writer; copy it freely.
/// </summary>
/// <param name="writer">The destination.</param>
public readonly struct Encbuf(IBufferWriter<byte> writer)
{
    private readonly IBufferWriter<byte> _writer = writer;

    /// <summary>Appends one byte.</summary>
    /// <param name="value">The byte.</param>
    public void PutByte(byte value)
    {
        _writer.GetSpan(1)[0] = value;
        _writer.Advance(1);
    }

    /// <summary>Appends a big-endian 64-bit unsigned integer.</summary>
    /// <param name="value">The value.</param>
    public void PutBE64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_writer.GetSpan(8), value);
        _writer.Advance(8);
    }

    /// <summary>Appends a big-endian 64-bit signed integer.</summary>
    /// <param name="value">The value.</param>
    public void PutBE64(long value) => PutBE64((ulong)value);

    /// <summary>Appends a float's IEEE-754 bits, big-endian.</summary>
    /// <param name="value">The value.</param>
    public void PutBEFloat64(double value) => PutBE64(BitConverter.DoubleToUInt64Bits(value));

    /// <summary>Appends an unsigned varint.</summary>
    /// <param name="value">The value.</param>
    public void PutUvarint(ulong value) => _writer.Advance(Varint.WriteUvarint(_writer.GetSpan(Varint.MaxLength64), value));

    /// <summary>Appends a zig-zag signed varint.</summary>
    /// <param name="value">The value.</param>
    public void PutVarint(long value) => _writer.Advance(Varint.WriteVarint(_writer.GetSpan(Varint.MaxLength64), value));

    /// <summary>Appends a string as its UTF-8 byte length (uvarint) followed by the bytes.</summary>
    /// <param name="value">The string.</param>
    public void PutUvarintString(string value)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(value);
        PutUvarint((ulong)length);
        var written = System.Text.Encoding.UTF8.GetBytes(value, _writer.GetSpan(length));
        _writer.Advance(written);
    }
}
