using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Pharos.Exposition.Protobuf;

/// <summary>
/// An allocation-free reader of protobuf wire format over a slice of the payload. Positions are absolute offsets in
/// the whole payload so errors and sub-message slices can name them.
/// </summary>
internal ref struct ProtoReader
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _payload;
    private readonly int _end;

    /// <summary>Reads <paramref name="payload"/>[<paramref name="start"/>..<paramref name="end"/>).</summary>
    public ProtoReader(ReadOnlySpan<byte> payload, int start, int end)
    {
        _payload = payload;
        Position = start;
        _end = end;
    }

    public int Position { get; private set; }

    public readonly bool AtEnd => Position >= _end;

    /// <summary>Reads a field tag; returns false at the end of the message.</summary>
    public bool TryReadTag(out int field, out int wireType)
    {
        if (Position >= _end)
        {
            field = wireType = 0;
            return false;
        }

        var start = Position;
        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        if (field == 0 || tag >> 3 > int.MaxValue)
        {
            Fail(start, "invalid field number");
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadVarint()
    {
        if (Position < _end && _payload[Position] < 0x80)
        {
            return _payload[Position++];
        }

        return ReadVarintSlow();
    }

    private ulong ReadVarintSlow()
    {
        var start = Position;
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (Position >= _end)
            {
                Fail(start, "truncated varint");
            }

            var b = _payload[Position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        Fail(start, "varint longer than 10 bytes");
        return 0;
    }

    public readonly byte PeekByteAt(int offset) => _payload[offset];

    public static long ZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    public double ReadDouble()
    {
        if (_end - Position < 8)
        {
            Fail(Position, "truncated fixed64");
        }

        var value = BinaryPrimitives.ReadDoubleLittleEndian(_payload.Slice(Position, 8));
        Position += 8;
        return value;
    }

    /// <summary>Reads a length-delimited field and returns its absolute bounds.</summary>
    public (int Start, int End) ReadLengthDelimited()
    {
        var at = Position;
        var length = ReadVarint();
        if (length > (ulong)(_end - Position))
        {
            Fail(at, "length-delimited field runs past the end of its message");
        }

        var start = Position;
        Position += (int)length;
        return (start, Position);
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                Advance(8);
                break;
            case LengthDelimited:
                ReadLengthDelimited();
                break;
            case Fixed32:
                Advance(4);
                break;
            default:
                Fail(Position, "unsupported wire type " + wireType.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>Checks that a field has the expected wire type.</summary>
    public readonly void Expect(int wireType, int expected)
    {
        if (wireType != expected)
        {
            Fail(Position, "unexpected wire type for a known field");
        }
    }

    private void Advance(int count)
    {
        if (_end - Position < count)
        {
            Fail(Position, "truncated fixed-width field");
        }

        Position += count;
    }

    [DoesNotReturn]
    public static void Fail(int offset, string reason) => throw new ExpositionParseException(0, offset, reason);
}
