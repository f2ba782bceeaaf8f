using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Pharos.Tsdb.Chunks;

/// <summary>
/// Reads a <see cref="BStream"/> back, most significant bit first. Keeps up to 64 bits in a register and refills a
/// whole word at a time, so most reads touch no memory. A mutable struct: keep it in a field and call it through
/// that field, never through a copy. Allocation-free.
/// </summary>
public struct BStreamReader
{
    private readonly ReadOnlyMemory<byte> _stream;
    private int _position;

    // The next bits to hand out, left-aligned: bit 63 is the next bit. Only the top _valid bits are meaningful.
    private ulong _buffer;
    private int _valid;

    /// <summary>Starts reading at the first bit of <paramref name="stream"/>.</summary>
    /// <param name="stream">The bytes; the reader keeps a reference, not a copy.</param>
    public BStreamReader(ReadOnlyMemory<byte> stream)
    {
        _stream = stream;
        _position = 0;
        _buffer = 0;
        _valid = 0;
    }

    /// <summary>The number of bits consumed so far.</summary>
    public readonly long BitPosition => ((long)_position * 8) - _valid;

    /// <summary>Reads one bit.</summary>
    /// <param name="bit">The bit.</param>
    /// <returns>False at the end of the stream.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadBit(out bool bit)
    {
        if (_valid == 0 && !Refill())
        {
            bit = false;
            return false;
        }

        bit = (long)_buffer < 0;
        _buffer <<= 1;
        _valid--;
        return true;
    }

    /// <summary>Reads <paramref name="bitCount"/> bits as the low bits of an integer.</summary>
    /// <param name="bitCount">1 to 64.</param>
    /// <param name="value">The bits, right-aligned.</param>
    /// <returns>False when fewer bits remain.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadBits(int bitCount, out ulong value)
    {
        if (bitCount <= _valid)
        {
            value = _buffer >> (64 - bitCount);
            _buffer = bitCount == 64 ? 0 : _buffer << bitCount;
            _valid -= bitCount;
            return true;
        }

        return TryReadBitsSlow(bitCount, out value);
    }

    /// <summary>
    /// Reads a unary prefix: counts one bits up to <paramref name="max"/>, consuming the terminating zero bit if one
    /// comes first (the XOR chunk's delta-of-delta prefix codes 0, 10, 110, 1110, 1111).
    /// </summary>
    /// <param name="max">The most one bits to read (at most 8).</param>
    /// <param name="ones">The number of one bits read.</param>
    /// <returns>False when the stream ends inside the prefix.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadUnary(int max, out int ones)
    {
        if (_valid >= max)
        {
            // Fast path: count leading ones in the register at once.
            ones = Math.Min(System.Numerics.BitOperations.LeadingZeroCount(~_buffer), max);
            var consumed = ones < max ? ones + 1 : ones;
            _buffer <<= consumed;
            _valid -= consumed;
            return true;
        }

        ones = 0;
        while (ones < max)
        {
            if (!TryReadBit(out var bit))
            {
                return false;
            }

            if (!bit)
            {
                break;
            }

            ones++;
        }

        return true;
    }

    /// <summary>Reads eight bits.</summary>
    /// <param name="value">The byte.</param>
    /// <returns>False when fewer bits remain.</returns>
    public bool TryReadByte(out byte value)
    {
        var ok = TryReadBits(8, out var bits);
        value = (byte)bits;
        return ok;
    }

    /// <summary>Reads an unsigned varint (bit-aligned, as the XOR chunk stores its first timestamps).</summary>
    /// <param name="value">The value.</param>
    /// <returns>False when the stream ends inside the varint or the value overflows.</returns>
    public bool TryReadUvarint(out ulong value)
    {
        ulong result = 0;
        for (var i = 0; i < Binary.Varint.MaxLength64; i++)
        {
            if (!TryReadByte(out var b))
            {
                break;
            }

            if (b < 0x80)
            {
                if (i == Binary.Varint.MaxLength64 - 1 && b > 1)
                {
                    break;
                }

                value = result | ((ulong)b << (7 * i));
                return true;
            }

            result |= (ulong)(b & 0x7F) << (7 * i);
        }

        value = 0;
        return false;
    }

    /// <summary>Reads a zig-zag signed varint.</summary>
    /// <param name="value">The value.</param>
    /// <returns>False when the stream ends inside the varint or the value overflows.</returns>
    public bool TryReadVarint(out long value)
    {
        var ok = TryReadUvarint(out var raw);
        value = Binary.Varint.UnZigZag(raw);
        return ok;
    }

    private bool TryReadBitsSlow(int bitCount, out ulong value)
    {
        // Take what the register holds, refill, take the rest.
        var have = _valid;
        var high = have == 0 ? 0 : _buffer >> (64 - have);
        if (!Refill() || _valid < bitCount - have)
        {
            value = 0;
            return false;
        }

        var rest = bitCount - have;
        var low = _buffer >> (64 - rest);
        _buffer = rest == 64 ? 0 : _buffer << rest;
        _valid -= rest;
        value = have == 0 ? low : (high << rest) | low;
        return true;
    }

    private bool Refill()
    {
        var span = _stream.Span;
        var remaining = span.Length - _position;
        if (remaining <= 0)
        {
            _valid = 0;
            return false;
        }

        if (remaining >= sizeof(ulong))
        {
            _buffer = BinaryPrimitives.ReadUInt64BigEndian(span[_position..]);
            _position += sizeof(ulong);
            _valid = 64;
            return true;
        }

        ulong buffer = 0;
        for (var i = 0; i < remaining; i++)
        {
            buffer = (buffer << 8) | span[_position + i];
        }

        _position += remaining;
        _valid = remaining * 8;
        _buffer = buffer << (64 - _valid);
        return true;
    }
}
