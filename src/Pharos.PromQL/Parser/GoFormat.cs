using System.Globalization;
using System.Text;

namespace Pharos.PromQL.Parser;

/// <summary>Go's text formatting where PromQL output depends on it: <c>strconv.Quote</c>, <c>%q</c>, <c>%#U</c>, <c>FormatFloat(…, 'f', -1, 64)</c>.</summary>
internal static class GoFormat
{
    /// <summary>Go's <c>strconv.Quote</c>: double quotes, escapes for non-printable runes, <c>\xNN</c> for raw bytes (held as U+DC80..U+DCFF).</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        AppendQuoted(sb, s);
        return sb.ToString();
    }

    /// <summary>Appends <paramref name="s"/> quoted as <see cref="Quote"/>.</summary>
    public static void AppendQuoted(StringBuilder sb, ReadOnlySpan<char> s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    var rune = new Rune(c, s[i + 1]);
                    i++;
                    AppendRune(sb, rune, '"');
                }
                else if (c is >= '\uDC80' and <= '\uDCFF')
                {
                    sb.Append("\\x").Append(((int)c - 0xDC00).ToString("x2", CultureInfo.InvariantCulture));
                }
                else
                {
                    sb.Append("\\ufffd");
                }

                continue;
            }

            AppendRune(sb, new Rune(c), '"');
        }

        sb.Append('"');
    }

    /// <summary>Go's <c>%q</c> of a rune: <c>'x'</c>.</summary>
    public static string QuoteRune(ReadOnlySpan<char> c)
    {
        var sb = new StringBuilder("'");
        if (c.IsEmpty)
        {
            sb.Append("\\x00");
        }
        else if (Rune.DecodeFromUtf16(c, out var rune, out _) == System.Buffers.OperationStatus.Done)
        {
            AppendRune(sb, rune, '\'');
        }
        else
        {
            sb.Append("\\ufffd");
        }

        return sb.Append('\'').ToString();
    }

    /// <summary>Go's <c>%q</c> of a rune.</summary>
    public static string QuoteRune(char c) => c == '\0' ? "'\\x00'" : QuoteRune([c]);

    /// <summary>Go's <c>%#U</c>: <c>U+0071 'q'</c>.</summary>
    public static string FormatRuneU(char c)
    {
        var hex = "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
        return !char.IsSurrogate(c) && IsPrint(new Rune(c)) ? $"{hex} '{c}'" : hex;
    }

    /// <summary>Go's <c>unicode.IsPrint</c>: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(Rune r)
    {
        if (r.Value == ' ')
        {
            return true;
        }

        return Rune.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation
                or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }

    private static void AppendRune(StringBuilder sb, Rune r, char quote)
    {
        if (r.Value == quote || r.Value == '\\')
        {
            sb.Append('\\').Append((char)r.Value);
            return;
        }

        if (IsPrint(r))
        {
            sb.Append(r.ToString());
            return;
        }

        switch (r.Value)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }

        if (r.Value < ' ' || r.Value == 0x7F)
        {
            sb.Append("\\x").Append(r.Value.ToString("x2", CultureInfo.InvariantCulture));
        }
        else if (r.Value < 0x10000)
        {
            sb.Append("\\u").Append(r.Value.ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append("\\U").Append(r.Value.ToString("x8", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Go's <c>strconv.FormatFloat(v, 'f', -1, 64)</c>: shortest round-trip digits, never an exponent.</summary>
    public static string FormatFloat(double v)
    {
        if (double.IsNaN(v))
        {
            return "NaN";
        }

        if (double.IsPositiveInfinity(v))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(v))
        {
            return "-Inf";
        }

        // "R" gives the shortest round-trip digits, possibly with an exponent; expand it.
        var r = v.ToString("R", CultureInfo.InvariantCulture);
        var negative = r.StartsWith('-');
        if (negative)
        {
            r = r[1..];
        }

        var exponent = 0;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        var dot = r.IndexOf('.');
        var digits = dot >= 0 ? r.Remove(dot, 1) : r;
        var pointPos = (dot >= 0 ? dot : r.Length) + exponent;
        digits = digits.TrimStart('0');
        var leadingZerosRemoved = (dot >= 0 ? r.Remove(dot, 1) : r).Length - digits.Length;
        pointPos -= leadingZerosRemoved;
        if (digits.Length == 0)
        {
            return negative ? "-0" : "0";
        }

        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }

        if (pointPos <= 0)
        {
            sb.Append("0.").Append('0', -pointPos).Append(digits.TrimEnd('0'));
        }
        else if (pointPos >= digits.Length)
        {
            sb.Append(digits).Append('0', pointPos - digits.Length);
        }
        else
        {
            var fraction = digits[pointPos..].TrimEnd('0');
            sb.Append(digits, 0, pointPos);
            if (fraction.Length > 0)
            {
                sb.Append('.').Append(fraction);
            }
        }

        return sb.ToString();
    }
}
