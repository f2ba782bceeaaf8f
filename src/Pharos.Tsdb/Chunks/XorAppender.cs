using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using Pharos.Tsdb.Binary;

namespace Pharos.Tsdb.Chunks;

/// <summary>
/// Encodes float samples into an <see cref="XorChunk"/>, bit-for-bit as Prometheus's <c>xorAppender</c>.
/// Allocation-free per sample. Single-threaded.
/// </summary>
internal sealed class XorAppender : IChunkAppender
{
    private readonly BStream _stream;
    private XorState _state;
    private int _count;

    public XorAppender(BStream stream, XorState state, int count)
    {
        _stream = stream;
        _state = state;
        _count = count;

        // An empty chunk has no window yet. A chunk re-opened after its first sample keeps the zero window the
        // iterator reports, exactly as upstream does; both choices decode identically.
        if (count == 0)
        {
            _state.Leading = XorState.NoWindow;
        }
    }

    public void Append(long timestampMs, double value)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        ulong tDelta = 0;
        if (_count == 0)
        {
            Span<byte> varint = stackalloc byte[Varint.MaxLength64];
            WriteBytes(varint[..Varint.WriteVarint(varint, timestampMs)]);
            _stream.WriteBits(bits, 64);
        }
        else if (_count == 1)
        {
            tDelta = (ulong)(timestampMs - _state.T);
            Span<byte> varint = stackalloc byte[Varint.MaxLength64];
            WriteBytes(varint[..Varint.WriteUvarint(varint, tDelta)]);
            WriteValue(bits);
        }
        else
        {
            tDelta = (ulong)(timestampMs - _state.T);
            var dod = (long)(tDelta - _state.TDelta);
            WriteDeltaOfDelta(dod);
            WriteValue(bits);
        }

        _state.T = timestampMs;
        _state.ValueBits = bits;
        _state.TDelta = tDelta;
        _count++;
        BinaryPrimitives.WriteUInt16BigEndian(_stream.Writable, (ushort)_count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteDeltaOfDelta(long dod)
    {
        // Prefix codes 0, 10, 110, 1110, 1111 select 0, 14, 17, 20 or 64 bits of two's complement. Gorilla used
        // 7/9/12 bits for second resolution; upstream widened them for milliseconds.
        if (dod == 0)
        {
            _stream.WriteBit(false);
        }
        else if (FitsInBits(dod, 14))
        {
            _stream.WriteBits((0b10UL << 14) | ((ulong)dod & ((1UL << 14) - 1)), 16);
        }
        else if (FitsInBits(dod, 17))
        {
            _stream.WriteBits((0b110UL << 17) | ((ulong)dod & ((1UL << 17) - 1)), 20);
        }
        else if (FitsInBits(dod, 20))
        {
            _stream.WriteBits((0b1110UL << 20) | ((ulong)dod & ((1UL << 20) - 1)), 24);
        }
        else
        {
            _stream.WriteBits(0b1111, 4);
            _stream.WriteBits((ulong)dod, 64);
        }
    }

    /// <summary>
    /// Whether <paramref name="x"/> fits the n-bit bucket. Upstream's range is asymmetric, −(2ⁿ⁻¹−1) to +2ⁿ⁻¹: the
    /// most negative two's complement pattern is read back as the positive maximum.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool FitsInBits(long x, int n) => x >= -((1L << (n - 1)) - 1) && x <= 1L << (n - 1);

    private void WriteValue(ulong bits)
    {
        var xor = bits ^ _state.ValueBits;
        if (xor == 0)
        {
            _stream.WriteBit(false);
            return;
        }

        var leading = (byte)BitOperations.LeadingZeroCount(xor);
        var trailing = (byte)BitOperations.TrailingZeroCount(xor);

        // Five bits hold the leading count, so clamp it.
        if (leading >= 32)
        {
            leading = 31;
        }

        if (_state.Leading != XorState.NoWindow && leading >= _state.Leading && trailing >= _state.Trailing)
        {
            // Control bits 10: the meaningful bits fit the previous window.
            _stream.WriteBits(0b10, 2);
            _stream.WriteBits(xor >> _state.Trailing, 64 - _state.Leading - _state.Trailing);
            return;
        }

        _state.Leading = leading;
        _state.Trailing = trailing;

        // Control bits 11, five bits of leading zeros, six bits of significant length (64 wraps to 0; a length of 0
        // cannot occur since xor != 0), then the significant bits.
        var significant = 64 - leading - trailing;
        _stream.WriteBits((0b11UL << 11) | ((ulong)leading << 6) | ((ulong)significant & 0x3F), 13);
        _stream.WriteBits(xor >> trailing, significant);
    }

    private void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            _stream.WriteBits(b, 8);
        }
    }
}
