using System.Runtime.CompilerServices;

namespace Pharos.Tsdb.Chunks;

/// <summary>
/// An append-only bit stream, most significant bit first, as Prometheus's <c>bstream</c>: the backing store of the
/// XOR and histogram chunks. Bits fill each byte from its high end; a partially filled last byte keeps its unused
/// low bits zero. Not thread-safe; one appender owns it. The buffer doubles when full, so appends are amortised
/// allocation-free.
/// </summary>
public sealed class BStream
{
    private byte[] _buffer;
    private int _length;

    // Unused low bits in the last byte, 0 to 8: 8 is an all-zero trailing byte left by a byte write (see WriteBits).
    private int _free;

    /// <summary>Creates an empty stream.</summary>
    /// <param name="capacityBytes">The initial buffer size.</param>
    public BStream(int capacityBytes = 128) => _buffer = new byte[Math.Max(capacityBytes, 16)];

    /// <summary>Wraps existing bytes (for example a chunk read from disk) so appends continue after them.</summary>
    /// <param name="bytes">The stream so far; copied.</param>
    /// <param name="freeBits">Unused low bits in the last byte (0 to 8); unknown for a chunk read from disk, where the
    /// appender re-derives it by iterating.</param>
    public BStream(ReadOnlySpan<byte> bytes, int freeBits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(freeBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(freeBits, 8);
        _buffer = new byte[Math.Max(bytes.Length * 2, 16)];
        bytes.CopyTo(_buffer);
        _length = bytes.Length;
        _free = bytes.Length == 0 ? 0 : freeBits;
    }

    /// <summary>The bytes written so far, including a partially filled last byte. Valid until the next write.</summary>
    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, _length);

    /// <summary>The bytes written so far as memory over the live buffer. Valid until the next write.</summary>
    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    /// <summary>The number of bytes written, counting a partial last byte.</summary>
    public int Length => _length;

    /// <summary>Unused low bits of the last byte.</summary>
    public int FreeBits => _free;

    /// <summary>The writable backing bytes (for headers stored in the first bytes, such as a sample count).</summary>
    internal Span<byte> Writable => _buffer.AsSpan(0, _length);

    /// <summary>Sets how many low bits of the last byte are unused, once a reader has established it.</summary>
    /// <param name="freeBits">0 to 8; they must be zero.</param>
    internal void SetFreeBits(int freeBits)
    {
        if (_length > 0)
        {
            _buffer[_length - 1] &= (byte)(0xFF << freeBits);
        }

        _free = freeBits;
    }

    /// <summary>Appends one bit.</summary>
    /// <param name="bit">The bit.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBit(bool bit)
    {
        if (_free == 0)
        {
            EnsureCapacity(1);
            _buffer[_length++] = 0;
            _free = 8;
        }

        _free--;
        if (bit)
        {
            _buffer[_length - 1] |= (byte)(1 << _free);
        }
    }

    /// <summary>Appends eight bits.</summary>
    /// <param name="value">The byte.</param>
    public void WriteByte(byte value) => WriteBits(value, 8);

    /// <summary>
    /// Appends the low <paramref name="bitCount"/> bits of <paramref name="value"/>, high bit first: whole bytes
    /// first, then single bits, exactly as upstream. Byte writes always leave a trailing byte behind, which stays
    /// all zero (<see cref="FreeBits"/> = 8) when the stream is byte-aligned; a chunk whose last write was such a
    /// byte therefore ends in a zero byte, and byte-identical chunks need the same quirk.
    /// </summary>
    /// <param name="value">The bits; bits above <paramref name="bitCount"/> are ignored.</param>
    /// <param name="bitCount">0 to 64.</param>
    public void WriteBits(ulong value, int bitCount)
    {
        if (bitCount == 0)
        {
            return;
        }

        EnsureCapacity(10);
        var buffer = _buffer;

        // Left-align so the next bit to write is bit 63; this also drops bits above bitCount.
        value <<= 64 - bitCount;
        if (bitCount >= 8)
        {
            if (_free == 0)
            {
                buffer[_length++] = 0;
                _free = 8;
            }

            // Each byte fills the free low bits of the last byte and spills the rest into a new last byte.
            var free = _free;
            do
            {
                var b = (byte)(value >> 56);
                buffer[_length - 1] |= (byte)(b >> (8 - free));
                buffer[_length++] = (byte)(b << free);
                value <<= 8;
                bitCount -= 8;
            }
            while (bitCount >= 8);

            if (bitCount == 0)
            {
                return;
            }
        }

        // Fewer than eight bits left, written as single bits would be: a new byte only once the last one is full.
        if (_free == 0)
        {
            buffer[_length++] = 0;
            _free = 8;
        }

        var bits = (byte)(value >> 56);
        buffer[_length - 1] |= (byte)(bits >> (8 - _free));
        if (bitCount <= _free)
        {
            _free -= bitCount;
            return;
        }

        var rest = bitCount - _free;
        buffer[_length++] = (byte)(bits << _free);
        _free = 8 - rest;
    }

    /// <summary>Appends whole bytes; the stream must end on a byte boundary.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <exception cref="InvalidOperationException">The stream does not end on a byte boundary.</exception>
    public void WriteAlignedBytes(ReadOnlySpan<byte> bytes)
    {
        if (_free != 0)
        {
            throw new InvalidOperationException("The bit stream is not byte-aligned.");
        }

        EnsureCapacity(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Drops unused buffer capacity, as Prometheus compacts a chunk once it is full.</summary>
    public void Compact()
    {
        if (_buffer.Length > _length + 32)
        {
            Array.Resize(ref _buffer, Math.Max(_length, 16));
        }
    }

    private void EnsureCapacity(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Grow(extra);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int extra) => Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
}
