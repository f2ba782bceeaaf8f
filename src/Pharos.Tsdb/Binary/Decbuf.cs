using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Pharos.Tsdb.Binary;

/// <summary>
/// Reads Prometheus's primitive encodings from a span (upstream <c>encoding.Decbuf</c>). Unlike upstream, which
/// records the first error and returns zeros, a malformed or short input throws <see cref="InvalidDataException"/>
/// at once, naming the offset. Allocation-free except for strings.
/// </summary>
public ref struct Decbuf
{
    private readonly ReadOnlySpan<byte> _all;
    private ReadOnlySpan<byte> _rest;

    /// <summary>Reads <paramref name="data"/> from its start.</summary>
    /// <param name="data">The bytes.</param>
    public Decbuf(ReadOnlySpan<byte> data)
    {
        _all = data;
        _rest = data;
    }

    /// <summary>The bytes not read yet.</summary>
    public readonly int Remaining => _rest.Length;

    /// <summary>The offset of the next byte.</summary>
    public readonly int Position => _all.Length - _rest.Length;

    /// <summary>Reads one byte.</summary>
    /// <returns>The byte.</returns>
    public byte Byte()
    {
        Need(1, "byte");
        var value = _rest[0];
        _rest = _rest[1..];
        return value;
    }

    /// <summary>Reads a big-endian 64-bit unsigned integer.</summary>
    /// <returns>The value.</returns>
    public ulong BE64()
    {
        Need(8, "64-bit integer");
        var value = BinaryPrimitives.ReadUInt64BigEndian(_rest);
        _rest = _rest[8..];
        return value;
    }

    /// <summary>Reads a big-endian IEEE-754 float.</summary>
    /// <returns>The value.</returns>
    public double BEFloat64() => BitConverter.UInt64BitsToDouble(BE64());

    /// <summary>Reads an unsigned varint.</summary>
    /// <returns>The value.</returns>
    public ulong Uvarint()
    {
        if (!Varint.TryReadUvarint(_rest, out var value, out var n))
        {
            Throw("uvarint");
        }

        _rest = _rest[n..];
        return value;
    }

    /// <summary>Reads an unsigned varint that must fit a non-negative <see cref="int"/> (a count or a length).</summary>
    /// <returns>The value.</returns>
    public int UvarintInt()
    {
        var value = Uvarint();
        if (value > int.MaxValue)
        {
            Throw("count");
        }

        return (int)value;
    }

    /// <summary>Reads a zig-zag signed varint.</summary>
    /// <returns>The value.</returns>
    public long Varint64()
    {
        if (!Varint.TryReadVarint(_rest, out var value, out var n))
        {
            Throw("varint");
        }

        _rest = _rest[n..];
        return value;
    }

    /// <summary>Reads a uvarint-length-prefixed byte string without copying.</summary>
    /// <returns>The bytes, a slice of the input.</returns>
    public ReadOnlySpan<byte> UvarintBytes()
    {
        var length = UvarintInt();
        Need(length, "string");
        var value = _rest[..length];
        _rest = _rest[length..];
        return value;
    }

    /// <summary>Reads a uvarint-length-prefixed UTF-8 string.</summary>
    /// <returns>The string.</returns>
    public string UvarintString() => System.Text.Encoding.UTF8.GetString(UvarintBytes());

    private readonly void Need(int count, string what)
    {
        if (_rest.Length < count)
        {
            Throw(what);
        }
    }

    [DoesNotReturn]
    private readonly void Throw(string what) =>
        throw new InvalidDataException($"record truncated or malformed at byte {Position} while reading a {what}");
}
