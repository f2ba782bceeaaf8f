using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pharos.Exposition.Writers;

/// <summary>
/// Appends bytes to an <see cref="IBufferWriter{T}"/> through a chunk obtained with <c>GetSpan</c>, so small writes
/// do not each pay for an interface call. Call <see cref="Flush"/> before the destination is used elsewhere.
/// </summary>
internal ref struct ByteSink
{
    private const int ChunkSize = 4096;

    private readonly IBufferWriter<byte> _destination;
    private Span<byte> _span;
    private int _position;

    public ByteSink(IBufferWriter<byte> destination)
    {
        _destination = destination;
        _span = default;
        _position = 0;
    }

    /// <summary>Commits what was written so far to the destination.</summary>
    public void Flush()
    {
        if (_position > 0)
        {
            _destination.Advance(_position);
        }

        _span = default;
        _position = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> Reserve(int length)
    {
        if (_span.Length - _position < length)
        {
            Grow(length);
        }

        return _span[_position..];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int count) => _position += count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte value)
    {
        if (_position >= _span.Length)
        {
            Grow(1);
        }

        _span[_position++] = value;
    }

    public void Write(scoped ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _position += bytes.Length;
    }

    /// <summary>Writes a string as UTF-8, unchanged.</summary>
    public void WriteUtf8(scoped ReadOnlySpan<char> text)
    {
        // Names and most label values are ASCII: a vectorised narrowing copy, no UTF-8 encoder.
        if (Ascii.FromUtf16(text, Reserve(text.Length), out var ascii) == OperationStatus.Done)
        {
            _position += ascii;
            return;
        }

        var written = Encoding.UTF8.GetBytes(text, Reserve(Encoding.UTF8.GetMaxByteCount(text.Length)));
        _position += written;
    }

    /// <summary>Writes a string as UTF-8, escaping backslash and newline, and the double quote if asked.</summary>
    public void WriteEscaped(scoped ReadOnlySpan<char> text, bool escapeQuote)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            ReadOnlySpan<byte> replacement;
            if (c == '\\')
            {
                replacement = "\\\\"u8;
            }
            else if (c == '\n')
            {
                replacement = "\\n"u8;
            }
            else if (c == '"' && escapeQuote)
            {
                replacement = "\\\""u8;
            }
            else
            {
                continue;
            }

            WriteUtf8(text[start..i]);
            Write(replacement);
            start = i + 1;
        }

        WriteUtf8(text[start..]);
    }

    public void WriteInt64(long value)
    {
        Utf8Formatter.TryFormat(value, Reserve(20), out var n);
        _position += n;
    }

    public void WriteUInt64(ulong value)
    {
        Utf8Formatter.TryFormat(value, Reserve(20), out var n);
        _position += n;
    }

    /// <summary>Go 'g' formatting with Prometheus text special values.</summary>
    public void WriteFloat(double value)
    {
        // WARNING: not "_position += Format(…, Reserve(…))": C# reads _position before Reserve may flush and reset it.
        var n = GoFloatFormat.Format(value, Reserve(GoFloatFormat.MaxLength));
        _position += n;
    }

    /// <summary>As <see cref="WriteFloat"/>, appending ".0" when the result has neither '.' nor 'e' (OpenMetrics).</summary>
    public void WriteOpenMetricsFloat(double value)
    {
        var span = Reserve(GoFloatFormat.MaxLength + 2);
        var n = GoFloatFormat.Format(value, span);
        var rendered = span[..n];
        if (!double.IsNaN(value) && !double.IsInfinity(value) && rendered.IndexOfAny((byte)'.', (byte)'e') < 0)
        {
            span[n++] = (byte)'.';
            span[n++] = (byte)'0';
        }

        _position += n;
    }

    private void Grow(int length)
    {
        Flush();
        _span = _destination.GetSpan(Math.Max(length, ChunkSize));
    }
}
