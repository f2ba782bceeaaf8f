namespace Pharos.Tsdb.Binary;

/// <summary>
/// Go's <c>encoding/binary</c> variable-length integers, the integer encoding of every Prometheus TSDB format:
/// unsigned LEB128 (seven bits per byte, least significant group first, high bit set on all but the last byte) and
/// signed values zig-zag mapped onto it (<c>(x &lt;&lt; 1) ^ (x &gt;&gt; 63)</c>). At most ten bytes for 64 bits.
/// </summary>
public static class Varint
{
    /// <summary>The most bytes a 64-bit varint takes.</summary>
    public const int MaxLength64 = 10;

    /// <summary>The most bytes a 32-bit varint takes (Prometheus's <c>MaxChunkLengthFieldSize</c>).</summary>
    public const int MaxLength32 = 5;

    /// <summary>Writes <paramref name="value"/> as an unsigned varint.</summary>
    /// <param name="destination">At least <see cref="UvarintSize"/> bytes (ten always suffice).</param>
    /// <param name="value">The value.</param>
    /// <returns>The number of bytes written.</returns>
    public static int WriteUvarint(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Writes <paramref name="value"/> as a zig-zag signed varint.</summary>
    /// <param name="destination">At least ten bytes, or <see cref="VarintSize"/>.</param>
    /// <param name="value">The value.</param>
    /// <returns>The number of bytes written.</returns>
    public static int WriteVarint(Span<byte> destination, long value) => WriteUvarint(destination, ZigZag(value));

    /// <summary>The encoded length of <paramref name="value"/> as an unsigned varint.</summary>
    /// <param name="value">The value.</param>
    /// <returns>1 to 10.</returns>
    public static int UvarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    /// <summary>The encoded length of <paramref name="value"/> as a signed varint.</summary>
    /// <param name="value">The value.</param>
    /// <returns>1 to 10.</returns>
    public static int VarintSize(long value) => UvarintSize(ZigZag(value));

    /// <summary>
    /// Reads an unsigned varint. Fails, as Go's <c>binary.Uvarint</c>, on a truncated input and on values that
    /// overflow 64 bits.
    /// </summary>
    /// <param name="source">The bytes, starting at the varint.</param>
    /// <param name="value">The value read.</param>
    /// <param name="length">The bytes consumed.</param>
    /// <returns>False when the input is truncated or the value overflows.</returns>
    public static bool TryReadUvarint(ReadOnlySpan<byte> source, out ulong value, out int length)
    {
        ulong result = 0;
        var shift = 0;
        for (var i = 0; i < source.Length && i < MaxLength64; i++)
        {
            var b = source[i];
            if (b < 0x80)
            {
                if (i == MaxLength64 - 1 && b > 1)
                {
                    break;
                }

                value = result | ((ulong)b << shift);
                length = i + 1;
                return true;
            }

            result |= (ulong)(b & 0x7F) << shift;
            shift += 7;
        }

        value = 0;
        length = 0;
        return false;
    }

    /// <summary>Reads a zig-zag signed varint.</summary>
    /// <param name="source">The bytes, starting at the varint.</param>
    /// <param name="value">The value read.</param>
    /// <param name="length">The bytes consumed.</param>
    /// <returns>False when the input is truncated or the value overflows.</returns>
    public static bool TryReadVarint(ReadOnlySpan<byte> source, out long value, out int length)
    {
        if (!TryReadUvarint(source, out var raw, out length))
        {
            value = 0;
            return false;
        }

        value = UnZigZag(raw);
        return true;
    }

    /// <summary>Maps a signed value onto an unsigned one so small magnitudes stay small.</summary>
    /// <param name="value">The signed value.</param>
    /// <returns>The zig-zag encoding.</returns>
    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    /// <summary>Inverts <see cref="ZigZag"/>.</summary>
    /// <param name="value">The zig-zag encoding.</param>
    /// <returns>The signed value.</returns>
    public static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
