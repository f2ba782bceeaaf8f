using System.Globalization;
using System.Text;

namespace Pharos.Model;

/// <summary>Double-quotes strings the way Go's <c>strconv.Quote</c> does, so printed selectors match Prometheus.</summary>
public static class GoQuoting
{
    /// <summary>Go's <c>strconv.Quote</c> (and <c>%q</c> of a string).</summary>
    /// <param name="s">The text.</param>
    /// <returns>The quoted text.</returns>
    public static string Quote(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var sb = new StringBuilder(s.Length + 2);
        AppendQuoted(sb, s);
        return sb.ToString();
    }

    /// <summary>Appends <paramref name="s"/> quoted as <see cref="Quote"/>.</summary>
    /// <param name="sb">The destination.</param>
    /// <param name="s">The text.</param>
    public static void AppendQuoted(StringBuilder sb, ReadOnlySpan<char> s)
    {
        ArgumentNullException.ThrowIfNull(sb);
        sb.Append('"');
        var i = 0;
        while (i < s.Length)
        {
            var status = Rune.DecodeFromUtf16(s[i..], out var rune, out var consumed);
            i += consumed;
            if (status != System.Buffers.OperationStatus.Done)
            {
                // An unpaired surrogate cannot be encoded as UTF-8; Go would print the replacement character.
                sb.Append(@"\ufffd");
                continue;
            }

            switch (rune.Value)
            {
                case '\a': sb.Append(@"\a"); continue;
                case '\b': sb.Append(@"\b"); continue;
                case '\f': sb.Append(@"\f"); continue;
                case '\n': sb.Append(@"\n"); continue;
                case '\r': sb.Append(@"\r"); continue;
                case '\t': sb.Append(@"\t"); continue;
                case '\v': sb.Append(@"\v"); continue;
                case '\\': sb.Append(@"\\"); continue;
                case '"': sb.Append("\\\""); continue;
            }

            if (IsPrint(rune))
            {
                sb.Append(s.Slice(i - consumed, consumed));
            }
            else if (rune.Value < 0x20 || rune.Value == 0x7f)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
            }
            else if (rune.Value < 0x10000)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
            }
        }

        sb.Append('"');
    }

    // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static bool IsPrint(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }
}
