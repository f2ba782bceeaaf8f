using System.Buffers;
using System.Text;

namespace Pharos.PromQL.Parser;

internal ref partial struct Lexer
{
    // Go string semantics: "\x" and octal escapes produce bytes, "\u"/"\U" produce code points. Bytes are collected
    // and decoded as UTF-8 when a non-byte character follows; invalid bytes become lone surrogates U+DC80..U+DCFF.
    private Token LexString(char quote)
    {
        var start = _pos;
        _pos++;
        var sb = new StringBuilder();
        List<byte>? pendingBytes = null;
        while (true)
        {
            if (AtEnd || _input[_pos] == '\n')
            {
                return Error(start, "unterminated quoted string");
            }

            var c = _input[_pos++];
            if (c == quote)
            {
                FlushBytes(sb, pendingBytes);
                return new Token(TokenKind.String, start, _pos, _input[start.._pos].ToString(), sb.ToString());
            }

            if (c != '\\')
            {
                FlushBytes(sb, pendingBytes);
                sb.Append(c);
                continue;
            }

            if (AtEnd)
            {
                return Error(start, "escape sequence not terminated");
            }

            var e = _input[_pos++];
            switch (e)
            {
                case 'a': FlushBytes(sb, pendingBytes); sb.Append('\a'); continue;
                case 'b': FlushBytes(sb, pendingBytes); sb.Append('\b'); continue;
                case 'f': FlushBytes(sb, pendingBytes); sb.Append('\f'); continue;
                case 'n': FlushBytes(sb, pendingBytes); sb.Append('\n'); continue;
                case 'r': FlushBytes(sb, pendingBytes); sb.Append('\r'); continue;
                case 't': FlushBytes(sb, pendingBytes); sb.Append('\t'); continue;
                case 'v': FlushBytes(sb, pendingBytes); sb.Append('\v'); continue;
                case '\\': FlushBytes(sb, pendingBytes); sb.Append('\\'); continue;
            }

            if (e == quote)
            {
                FlushBytes(sb, pendingBytes);
                sb.Append(e);
                continue;
            }

            int digits;
            int numberBase;
            uint max;
            var first = e;
            switch (e)
            {
                case >= '0' and <= '7':
                    (digits, numberBase, max) = (3, 8, 255);
                    break;
                case 'x':
                    (digits, numberBase, max) = (2, 16, 255);
                    first = Peek();
                    _pos++;
                    break;
                case 'u':
                    (digits, numberBase, max) = (4, 16, 0x10FFFF);
                    first = Peek();
                    _pos++;
                    break;
                case 'U':
                    (digits, numberBase, max) = (8, 16, 0x10FFFF);
                    first = Peek();
                    _pos++;
                    break;
                default:
                    return Error(start, $"unknown escape sequence {GoFormat.FormatRuneU(e)}");
            }

            uint value = 0;
            var ch = first;
            for (var n = digits; n > 0; n--)
            {
                var d = (uint)DigitValue(ch);
                if (d >= numberBase)
                {
                    if (_pos > _input.Length || ch == '\0' && _pos >= _input.Length)
                    {
                        return Error(start, "escape sequence not terminated");
                    }

                    return Error(start, $"illegal character {GoFormat.FormatRuneU(ch)} in escape sequence");
                }

                value = (value * (uint)numberBase) + d;
                if (n > 1)
                {
                    ch = Peek();
                    _pos++;
                }
            }

            if (value > max || (value >= 0xD800 && value < 0xE000))
            {
                return Error(start, "escape sequence is an invalid Unicode code point");
            }

            if (max == 255)
            {
                (pendingBytes ??= []).Add((byte)value);
            }
            else
            {
                FlushBytes(sb, pendingBytes);
                sb.Append(char.ConvertFromUtf32((int)value));
            }
        }
    }

    private Token LexRawString()
    {
        var start = _pos;
        _pos++;
        var contentStart = _pos;
        while (!AtEnd && _input[_pos] != '`')
        {
            _pos++;
        }

        if (AtEnd)
        {
            return Error(start, "unterminated raw string");
        }

        var value = _input[contentStart.._pos].ToString();
        _pos++;
        return new Token(TokenKind.String, start, _pos, _input[start.._pos].ToString(), value);
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => 16,
    };

    private static void FlushBytes(StringBuilder sb, List<byte>? bytes)
    {
        if (bytes is null || bytes.Count == 0)
        {
            return;
        }

        ReadOnlySpan<byte> span = bytes.ToArray();
        while (!span.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(span, out var rune, out var consumed);
            if (status == OperationStatus.Done)
            {
                sb.Append(rune.ToString());
            }
            else
            {
                consumed = 1;
                sb.Append((char)(0xDC00 + span[0]));
            }

            span = span[consumed..];
        }

        bytes.Clear();
    }
}
