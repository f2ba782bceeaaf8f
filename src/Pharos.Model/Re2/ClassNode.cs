using System.Globalization;
using System.Text;

namespace Pharos.Model.Re2;

/// <summary>
/// A character class. Without Unicode properties the class is a sorted, merged list of code point ranges (negation
/// already applied), which emits exactly. With properties (<c>\p{L}</c>) it relies on .NET's class syntax, which
/// sees only the Basic Multilingual Plane.
/// </summary>
internal sealed class ClassNode : ReNode
{
    public const int MaxRune = 0x10FFFF;

    public ClassNode(List<(int Lo, int Hi)> ranges, List<(string Name, bool Negated)> properties, bool negated, bool foldCase)
    {
        Ranges = ranges;
        Properties = properties;
        Negated = negated;
        FoldCase = foldCase;
    }

    /// <summary>Sorted, non-overlapping, non-adjacent ranges.</summary>
    public List<(int Lo, int Hi)> Ranges { get; }

    /// <summary>.NET Unicode property names (<c>L</c>, <c>IsGreek</c>), each possibly negated.</summary>
    public List<(string Name, bool Negated)> Properties { get; }

    /// <summary>Only set when <see cref="Properties"/> is non-empty; otherwise the ranges are already complemented.</summary>
    public bool Negated { get; }

    /// <summary>Case folding applies to the properties only; the ranges were folded while parsing.</summary>
    public bool FoldCase { get; }

    public override long Size => 1;

    /// <summary>Number of code points in the ranges.</summary>
    public long RuneCount => Ranges.Sum(static r => (long)r.Hi - r.Lo + 1);

    public override void Emit(StringBuilder sb)
    {
        if (Properties.Count > 0)
        {
            sb.Append(FoldCase && !Negated ? "(?i:[" : "[");
            if (Negated)
            {
                sb.Append('^');
            }

            AppendBmpRanges(sb);
            foreach (var (name, negated) in Properties)
            {
                sb.Append(negated ? @"\P{" : @"\p{").Append(name).Append('}');
            }

            sb.Append(FoldCase && !Negated ? "])" : "]");
            return;
        }

        var hasBmp = Ranges.Any(static r => r.Lo < 0xD800 || (r.Hi > 0xDFFF && r.Lo <= 0xFFFF));
        var astral = new StringBuilder();
        AppendAstral(astral);
        if (!hasBmp && astral.Length == 0)
        {
            sb.Append(@"[^\s\S]");
            return;
        }

        if (astral.Length == 0)
        {
            sb.Append('[');
            AppendBmpRanges(sb);
            sb.Append(']');
            return;
        }

        sb.Append("(?:");
        if (hasBmp)
        {
            sb.Append('[');
            AppendBmpRanges(sb);
            sb.Append("]|");
        }

        sb.Append(astral).Append(')');
    }

    // Surrogate code units are left out: a lone surrogate is not a character, and a pair is matched as a whole by
    // the astral part.
    private void AppendBmpRanges(StringBuilder sb)
    {
        foreach (var (lo, hi) in Ranges)
        {
            AppendBmpRange(sb, lo, Math.Min(hi, 0xD7FF));
            AppendBmpRange(sb, Math.Max(lo, 0xE000), Math.Min(hi, 0xFFFF));
        }
    }

    private static void AppendBmpRange(StringBuilder sb, int lo, int hi)
    {
        if (lo > hi)
        {
            return;
        }

        sb.Append(CultureInfo.InvariantCulture, $"\\u{lo:X4}");
        if (hi > lo)
        {
            sb.Append(CultureInfo.InvariantCulture, $"-\\u{hi:X4}");
        }
    }

    private void AppendAstral(StringBuilder sb)
    {
        foreach (var (lo, hi) in Ranges)
        {
            var from = Math.Max(lo, 0x10000);
            if (from > hi)
            {
                continue;
            }

            var fromHigh = 0xD800 + ((from - 0x10000) >> 10);
            var toHigh = 0xD800 + ((hi - 0x10000) >> 10);
            var fromLow = 0xDC00 + ((from - 0x10000) & 0x3FF);
            var toLow = 0xDC00 + ((hi - 0x10000) & 0x3FF);
            if (fromHigh == toHigh)
            {
                AppendPair(sb, fromHigh, fromHigh, fromLow, toLow);
                continue;
            }

            AppendPair(sb, fromHigh, fromHigh, fromLow, 0xDFFF);
            if (toHigh - fromHigh > 1)
            {
                AppendPair(sb, fromHigh + 1, toHigh - 1, 0xDC00, 0xDFFF);
            }

            AppendPair(sb, toHigh, toHigh, 0xDC00, toLow);
        }
    }

    private static void AppendPair(StringBuilder sb, int highLo, int highHi, int lowLo, int lowHi)
    {
        if (sb.Length > 0)
        {
            sb.Append('|');
        }

        AppendUnitRange(sb, highLo, highHi);
        AppendUnitRange(sb, lowLo, lowHi);
    }

    private static void AppendUnitRange(StringBuilder sb, int lo, int hi)
    {
        if (lo == hi)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\\u{lo:X4}");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"[\\u{lo:X4}-\\u{hi:X4}]");
        }
    }

    /// <summary>Sorts and merges overlapping or adjacent ranges in place.</summary>
    public static List<(int Lo, int Hi)> Normalize(List<(int Lo, int Hi)> ranges)
    {
        ranges.Sort(static (a, b) => a.Lo.CompareTo(b.Lo));
        var merged = new List<(int Lo, int Hi)>(ranges.Count);
        foreach (var r in ranges)
        {
            if (merged.Count > 0 && r.Lo <= merged[^1].Hi + 1)
            {
                merged[^1] = (merged[^1].Lo, Math.Max(merged[^1].Hi, r.Hi));
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }

    /// <summary>The complement of normalized ranges over all code points.</summary>
    public static List<(int Lo, int Hi)> Complement(List<(int Lo, int Hi)> ranges)
    {
        var result = new List<(int Lo, int Hi)>(ranges.Count + 1);
        var next = 0;
        foreach (var (lo, hi) in ranges)
        {
            if (lo > next)
            {
                result.Add((next, lo - 1));
            }

            next = hi + 1;
        }

        if (next <= MaxRune)
        {
            result.Add((next, MaxRune));
        }

        return result;
    }

    /// <summary>
    /// Adds the simple case variants of every BMP character in the ranges, so that folding survives negation (RE2
    /// folds before it negates).
    /// </summary>
    public static void AddCaseVariants(List<(int Lo, int Hi)> ranges)
    {
        var count = ranges.Count;
        for (var i = 0; i < count; i++)
        {
            var (lo, hi) = ranges[i];
            for (var c = lo; c <= Math.Min(hi, 0xFFFF); c++)
            {
                if (c is >= 0xD800 and <= 0xDFFF)
                {
                    continue;
                }

                var ch = (char)c;
                var upper = char.ToUpperInvariant(ch);
                var lower = char.ToLowerInvariant(ch);
                if (upper != ch)
                {
                    ranges.Add((upper, upper));
                }

                if (lower != ch)
                {
                    ranges.Add((lower, lower));
                }
            }
        }

        // The Kelvin sign and the long s fold together with ASCII letters in RE2's case orbits.
        if (Contains(ranges, 'k') || Contains(ranges, 'K'))
        {
            ranges.Add((0x212A, 0x212A));
        }

        if (Contains(ranges, 's') || Contains(ranges, 'S'))
        {
            ranges.Add((0x017F, 0x017F));
        }
    }

    private static bool Contains(List<(int Lo, int Hi)> ranges, int c)
    {
        foreach (var (lo, hi) in ranges)
        {
            if (c >= lo && c <= hi)
            {
                return true;
            }
        }

        return false;
    }
}
