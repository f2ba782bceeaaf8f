using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Pharos.Client.Exposition;

/// <summary>
/// A minimal protobuf encoder for the handful of messages in <c>io.prometheus.client</c>. Nested messages are
/// written in place and their length prefix inserted when the message ends (the bytes are shifted right by the
/// size of the varint), so no message is encoded twice. Not thread-safe.
/// </summary>
internal sealed class ProtoBuffer : IDisposable
{
    private const int WireVarint = 0;
    private const int WireFixed64 = 1;
    private const int WireLength = 2;

    private readonly int[] _starts = new int[8];
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _position;
    private int _depth;

    public int Length => _position;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    public void Reset()
    {
        _position = 0;
        _depth = 0;
    }

    public void WriteDouble(int field, double value)
    {
        WriteTag(field, WireFixed64);
        Ensure(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_position), value);
        _position += 8;
    }

    public void WriteUInt64(int field, ulong value)
    {
        WriteTag(field, WireVarint);
        WriteVarint(value);
    }

    public void WriteInt64(int field, long value) => WriteUInt64(field, unchecked((ulong)value));

    public void WriteString(int field, string value)
    {
        WriteTag(field, WireLength);
        var count = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)count);
        Ensure(count);
        _position += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position));
    }

    /// <summary>Starts an embedded message field; close it with <see cref="EndMessage"/>.</summary>
    public void BeginMessage(int field)
    {
        WriteTag(field, WireLength);
        _starts[_depth++] = _position;
    }

    /// <summary>Starts a top-level message that will carry only a varint length prefix (the delimited framing).</summary>
    public void BeginDelimited() => _starts[_depth++] = _position;

    public void EndMessage()
    {
        var start = _starts[--_depth];
        var length = _position - start;
        var prefix = VarintSize((ulong)length);
        Ensure(prefix);
        _buffer.AsSpan(start, length).CopyTo(_buffer.AsSpan(start + prefix));
        var end = _position + prefix;
        _position = start;
        WriteVarint((ulong)length);
        _position = end;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void WriteTag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        Ensure(10);
        var span = _buffer.AsSpan(_position);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _position += i;
    }

    private static int VarintSize(ulong value)
    {
        var n = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            n++;
        }

        return n;
    }

    private void Ensure(int bytes)
    {
        if (bytes <= _buffer.Length - _position)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _position + bytes));
        _buffer.AsSpan(0, _position).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
