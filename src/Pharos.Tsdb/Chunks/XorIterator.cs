using System.Buffers.Binary;

namespace Pharos.Tsdb.Chunks;

/// <summary>
/// Decodes an <see cref="XorChunk"/>. Reusable through <see cref="Reset"/>; allocation-free per sample. Not
/// thread-safe; the bytes must not change while it runs.
/// </summary>
public sealed class XorIterator : IChunkIterator
{
    private BStreamReader _reader;
    private XorState _state;
    private int _total;
    private int _read;
    private Exception? _error;

    /// <summary>Creates an iterator over encoded XOR chunk bytes.</summary>
    /// <param name="chunk">The chunk bytes, starting with the sample count; referenced, not copied.</param>
    public XorIterator(ReadOnlyMemory<byte> chunk) => Reset(chunk);

    /// <inheritdoc />
    public Exception? Error => _error;

    internal XorState State => _state;

    internal long BitPosition => _reader.BitPosition;

    /// <summary>Restarts on another chunk.</summary>
    /// <param name="chunk">The chunk bytes, starting with the sample count; referenced, not copied.</param>
    public void Reset(ReadOnlyMemory<byte> chunk)
    {
        _error = null;
        _state = default;
        _read = 0;
        if (chunk.Length < 2)
        {
            _total = 0;
            _reader = default;
            _error = new InvalidDataException($"XOR chunk of {chunk.Length} bytes has no sample count.");
            return;
        }

        _total = BinaryPrimitives.ReadUInt16BigEndian(chunk.Span);
        _reader = new BStreamReader(chunk[2..]);
    }

    /// <inheritdoc />
    public (long TimestampMs, double Value) At() => (_state.T, BitConverter.UInt64BitsToDouble(_state.ValueBits));

    /// <inheritdoc />
    public long AtTimestamp() => _state.T;

    /// <inheritdoc />
    public ChunkValueType Seek(long timestampMs)
    {
        if (_error is not null)
        {
            return ChunkValueType.None;
        }

        while (_read == 0 || _state.T < timestampMs)
        {
            if (Next() == ChunkValueType.None)
            {
                return ChunkValueType.None;
            }
        }

        return ChunkValueType.Float;
    }

    /// <inheritdoc />
    public ChunkValueType Next()
    {
        if (_error is not null || _read == _total)
        {
            return ChunkValueType.None;
        }

        if (_read == 0)
        {
            if (!_reader.TryReadVarint(out var t) || !_reader.TryReadBits(64, out var v))
            {
                return Fail("first sample");
            }

            _state.T = t;
            _state.ValueBits = v;
            _read++;
            return ChunkValueType.Float;
        }

        if (_read == 1)
        {
            if (!_reader.TryReadUvarint(out var delta))
            {
                return Fail("second timestamp");
            }

            _state.TDelta = delta;
            _state.T += (long)delta;
            return ReadValue();
        }

        // The prefix is up to four bits: count leading ones, stopping at a zero.
        if (!_reader.TryReadUnary(4, out var prefix))
        {
            return Fail("timestamp prefix");
        }

        long dod = 0;
        var size = prefix switch { 0 => 0, 1 => 14, 2 => 17, 3 => 20, _ => 64 };
        if (size != 0)
        {
            if (!_reader.TryReadBits(size, out var bits))
            {
                return Fail("delta of delta");
            }

            if (size == 64)
            {
                dod = (long)bits;
            }
            else
            {
                // Upstream's asymmetric range: patterns above +2ⁿ⁻¹ are negative.
                if (bits > 1UL << (size - 1))
                {
                    bits -= 1UL << size;
                }

                dod = (long)bits;
            }
        }

        _state.TDelta = (ulong)((long)_state.TDelta + dod);
        _state.T += (long)_state.TDelta;
        return ReadValue();
    }

    private ChunkValueType ReadValue()
    {
        if (!_reader.TryReadBit(out var changed))
        {
            return Fail("value control bit");
        }

        if (changed)
        {
            if (!_reader.TryReadBit(out var newWindow))
            {
                return Fail("value control bit");
            }

            if (newWindow)
            {
                if (!_reader.TryReadBits(11, out var header))
                {
                    return Fail("value window");
                }

                var leading = (int)(header >> 6);
                var significant = (int)(header & 0x3F);
                if (significant == 0)
                {
                    significant = 64;
                }

                if (leading + significant > 64)
                {
                    return Fail($"value window (leading {leading} + significant {significant} > 64)");
                }

                _state.Leading = (byte)leading;
                _state.Trailing = (byte)(64 - leading - significant);
            }

            var width = 64 - _state.Leading - _state.Trailing;
            if (!_reader.TryReadBits(width, out var xor))
            {
                return Fail("value bits");
            }

            _state.ValueBits ^= xor << _state.Trailing;
        }

        _read++;
        return ChunkValueType.Float;
    }

    private ChunkValueType Fail(string what)
    {
        _error = new InvalidDataException($"XOR chunk truncated or corrupt at sample {_read + 1} of {_total}: {what}.");
        return ChunkValueType.None;
    }
}
