using System.Globalization;
using System.Runtime.CompilerServices;

namespace Pharos.Exposition.Text;

/// <summary>Character classes, number grammars and escapes shared by the Prometheus and OpenMetrics text parsers.</summary>
internal static class TextSyntax
{
    /// <summary>Which number spellings a parser accepts.</summary>
    internal enum NumberDialect : byte
    {
        /// <summary>
        /// What Prometheus's scrape parsers accept: decimal floats, case-insensitive <c>Inf</c>/<c>Infinity</c> with an
        /// optional sign and <c>NaN</c> without one; hex floats and <c>_</c> are refused, and so is a finite spelling
        /// that overflows to infinity (Go reports a range error).
        /// </summary>
        Scrape,

        /// <summary>The OpenMetrics 1.0 reference: decimal floats and the special values with an optional sign.</summary>
        Strict,
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsMetricNameStart(byte c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_' || c == ':';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsMetricNameChar(byte c) => IsMetricNameStart(c) || (uint)(c - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLabelNameStart(byte c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLabelNameChar(byte c) => IsLabelNameStart(c) || (uint)(c - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    /// <summary>Whether <paramref name="name"/> is a legacy metric name <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    public static bool IsLegacyMetricName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || !IsMetricNameStart(name[0]))
        {
            return false;
        }

        for (var i = 1; i < name.Length; i++)
        {
            if (!IsMetricNameChar(name[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses a float sample value or OpenMetrics timestamp.</summary>
    public static bool TryParseFloat(ReadOnlySpan<byte> s, NumberDialect dialect, out double value)
    {
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }

        if (TryParseSpecial(s, dialect, out value))
        {
            return true;
        }

        if (!IsDecimalFloat(s))
        {
            return false;
        }

        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        // Go's ParseFloat reports a range error for finite spellings beyond double range.
        return dialect != NumberDialect.Scrape || double.IsFinite(value);
    }

    /// <summary>Whether <paramref name="s"/> is an ASCII decimal float: sign, digits, point, exponent.</summary>
    public static bool IsDecimalFloat(ReadOnlySpan<byte> s)
    {
        var i = 0;
        if (s[0] is (byte)'+' or (byte)'-')
        {
            i++;
        }

        var mantissaDigits = 0;
        while (i < s.Length && IsDigit(s[i]))
        {
            i++;
            mantissaDigits++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
                mantissaDigits++;
            }
        }

        if (mantissaDigits == 0)
        {
            return false;
        }

        if (i < s.Length && (s[i] | 0x20) == 'e')
        {
            i++;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            var exponentDigits = 0;
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return false;
            }
        }

        return i == s.Length;
    }

    private static bool TryParseSpecial(ReadOnlySpan<byte> s, NumberDialect dialect, out double value)
    {
        value = 0;
        var negative = false;
        var signed = false;
        var body = s;
        if (body[0] is (byte)'+' or (byte)'-')
        {
            negative = body[0] == '-';
            signed = true;
            body = body[1..];
        }

        if (EqualsIgnoreAsciiCase(body, "inf"u8) || EqualsIgnoreAsciiCase(body, "infinity"u8))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (EqualsIgnoreAsciiCase(body, "nan"u8) && (!signed || dialect == NumberDialect.Strict))
        {
            value = double.NaN;
            return true;
        }

        return false;
    }

    /// <summary>ASCII case-insensitive comparison; <paramref name="lower"/> must be lowercase.</summary>
    public static bool EqualsIgnoreAsciiCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lower)
    {
        if (s.Length != lower.Length)
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            if ((s[i] | 0x20) != lower[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses a base-10 signed 64-bit integer as Go's <c>strconv.ParseInt(s, 10, 64)</c>.</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && s[0] is (byte)'+' or (byte)'-')
        {
            negative = s[0] == '-';
            i = 1;
        }

        if (i == s.Length)
        {
            return false;
        }

        ulong acc = 0;
        for (; i < s.Length; i++)
        {
            var d = (uint)(s[i] - '0');
            if (d > 9)
            {
                return false;
            }

            if (acc > (ulong.MaxValue - d) / 10)
            {
                return false;
            }

            acc = (acc * 10) + d;
        }

        if (negative)
        {
            if (acc > (ulong)long.MaxValue + 1)
            {
                return false;
            }

            value = (long)(0 - acc);
            return true;
        }

        if (acc > long.MaxValue)
        {
            return false;
        }

        value = (long)acc;
        return true;
    }

    /// <summary>Converts float seconds to milliseconds, truncating toward zero and saturating at the long range.</summary>
    public static long SecondsToMs(double seconds)
    {
        var ms = seconds * 1000;
        if (ms >= long.MaxValue)
        {
            return long.MaxValue;
        }

        return ms <= long.MinValue ? long.MinValue : (long)ms;
    }

    /// <summary>
    /// Resolves <c>\\</c>, <c>\"</c> and <c>\n</c> in a label value (or, with <paramref name="quoteEscape"/> false, only
    /// <c>\\</c> and <c>\n</c> in help text) into <paramref name="destination"/>; other escapes stay as written.
    /// </summary>
    /// <returns>The number of bytes written; at most <paramref name="source"/>'s length.</returns>
    public static int Unescape(ReadOnlySpan<byte> source, Span<byte> destination, bool quoteEscape)
    {
        var n = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\\' && i + 1 < source.Length)
            {
                var next = source[i + 1];
                if (next == '\\' || next == 'n' || (quoteEscape && next == '"'))
                {
                    destination[n++] = next == 'n' ? (byte)'\n' : next;
                    i++;
                    continue;
                }
            }

            destination[n++] = c;
        }

        return n;
    }

    /// <summary>Unescapes a label value into a string (cache-miss path).</summary>
    public static string UnescapeToString(ReadOnlySpan<byte> source)
    {
        if (source.IndexOf((byte)'\\') < 0)
        {
            return System.Text.Encoding.UTF8.GetString(source);
        }

        var buffer = source.Length <= 256 ? stackalloc byte[source.Length] : new byte[source.Length];
        var n = Unescape(source, buffer, quoteEscape: true);
        return System.Text.Encoding.UTF8.GetString(buffer[..n]);
    }

    /// <summary>Counts the code points of UTF-8 text that is already known to be valid.</summary>
    public static int CountCodePoints(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        foreach (var b in utf8)
        {
            // Continuation bytes are 10xxxxxx; every other byte starts a code point.
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }
}
