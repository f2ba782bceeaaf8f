using System.Buffers;
using System.Globalization;
using System.Text;
using Pharos.Exposition.Writers;

namespace Pharos.Client.Exposition;

/// <summary>
/// Buffers UTF-8 output in a pooled array and copies it to the caller's <see cref="IBufferWriter{T}"/> in chunks,
/// so the encoders can write byte by byte without a virtual call per byte. Call <see cref="Flush"/> at the end.
/// </summary>
internal sealed class TextOutput(IBufferWriter<byte> inner) : IDisposable
{
    private const int ChunkSize = 16 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int _used;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _used)
        {
            Flush();
            if (bytes.Length > _buffer.Length)
            {
                inner.Write(bytes);
                return;
            }
        }

        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    public void Write(byte b)
    {
        if (_used == _buffer.Length)
        {
            Flush();
        }

        _buffer[_used++] = b;
    }

    public void WriteString(string s)
    {
        var max = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (max > _buffer.Length - _used)
        {
            Flush();
            if (max > _buffer.Length)
            {
                inner.Write(Encoding.UTF8.GetBytes(s));
                return;
            }
        }

        _used += Encoding.UTF8.GetBytes(s, _buffer.AsSpan(_used));
    }

    /// <summary>Writes a help string escaped for the text formats: <c>\</c> and newline always, <c>"</c> in OpenMetrics.</summary>
    public void WriteEscapedHelp(string help, bool escapeQuote)
    {
        var sb = new StringBuilder(help.Length + 8);
        foreach (var c in help)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\n': sb.Append(@"\n"); break;
                case '"' when escapeQuote: sb.Append("\\\""); break;
                default: sb.Append(c); break;
            }
        }

        WriteString(sb.ToString());
    }

    public void WriteLong(long value)
    {
        Ensure(20);
        value.TryFormat(_buffer.AsSpan(_used), out var written, default, CultureInfo.InvariantCulture);
        _used += written;
    }

    /// <summary>
    /// Writes a float as Go's <c>strconv.AppendFloat(f, 'g', -1, 64)</c> does, which is what client_golang's
    /// writers use; OpenMetrics additionally gets <c>.0</c> on values that have neither a point nor an exponent.
    /// </summary>
    public void WriteDouble(double value, bool openMetrics)
    {
        Ensure(GoFloatFormat.MaxLength + 2);
        var span = _buffer.AsSpan(_used);
        var written = GoFloatFormat.Format(value, span);
        if (openMetrics && double.IsFinite(value) && span[..written].IndexOfAny((byte)'.', (byte)'e') < 0)
        {
            span[written++] = (byte)'.';
            span[written++] = (byte)'0';
        }

        _used += written;
    }

    public void Flush()
    {
        if (_used > 0)
        {
            inner.Write(_buffer.AsSpan(0, _used));
            _used = 0;
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _used = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int bytes)
    {
        if (bytes > _buffer.Length - _used)
        {
            Flush();
        }
    }
}
