using System.Globalization;
using System.Text;

namespace Pharos.Model.Re2;

/// <summary>
/// A node of a parsed RE2 expression. Flags (case folding, dot-matches-newline, multi-line, ungreedy) are resolved
/// into the nodes while parsing, so emitting .NET syntax needs no inline-option bookkeeping.
/// </summary>
internal abstract class ReNode
{
    public abstract void Emit(StringBuilder sb);

    /// <summary>A rough count of RE2 program instructions, used to reject expressions RE2 finds too large.</summary>
    public abstract long Size { get; }

    // Everything is written as \uXXXX except characters that are plain literals in every .NET regex context.
    internal static void AppendChar(StringBuilder sb, char c)
    {
        if (char.IsAsciiLetterOrDigit(c) || c == '_')
        {
            sb.Append(c);
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }
    }
}

/// <summary>A run of literal characters.</summary>
internal sealed class LiteralNode(string text, bool foldCase) : ReNode
{
    public string Text { get; } = text;

    public bool FoldCase { get; } = foldCase;

    public override long Size => Text.Length;

    public override void Emit(StringBuilder sb)
    {
        if (FoldCase)
        {
            sb.Append("(?i:");
        }

        foreach (var c in Text)
        {
            AppendChar(sb, c);
        }

        if (FoldCase)
        {
            sb.Append(')');
        }
    }
}

/// <summary><c>.</c>: one code point, a newline only when <see cref="DotNewline"/>.</summary>
internal sealed class AnyCharNode(bool dotNewline) : ReNode
{
    public bool DotNewline { get; } = dotNewline;

    public override long Size => 1;

    // NOTE: .NET matches UTF-16 code units and RE2 code points; a surrogate pair must count as one character.
    public override void Emit(StringBuilder sb) =>
        sb.Append(DotNewline
            ? @"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\uD800-\uDFFF])"
            : @"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\n\uD800-\uDFFF])");

    /// <summary>Under an unbounded repeat, code units and code points give the same language: the cheap form is exact.</summary>
    public void EmitUnbounded(StringBuilder sb) => sb.Append(DotNewline ? @"[\s\S]" : @"[^\n]");
}

/// <summary>A zero-width assertion.</summary>
internal sealed class AssertionNode(AssertionKind kind) : ReNode
{
    public AssertionKind Kind { get; } = kind;

    public override long Size => 1;

    public override void Emit(StringBuilder sb) => sb.Append(Kind switch
    {
        AssertionKind.BeginText => @"\A",
        AssertionKind.EndText => @"\z",
        AssertionKind.BeginLine => "(?m:^)",
        AssertionKind.EndLine => "(?m:$)",

        // NOTE: RE2's \b is ASCII-only; .NET's also treats non-ASCII letters as word characters.
        AssertionKind.WordBoundary => @"\b",
        _ => @"\B",
    });
}

/// <summary>The kinds of <see cref="AssertionNode"/>.</summary>
internal enum AssertionKind : byte
{
    BeginText,
    EndText,
    BeginLine,
    EndLine,
    WordBoundary,
    NonWordBoundary,
}

/// <summary>Matches the empty string.</summary>
internal sealed class EmptyNode : ReNode
{
    public static readonly EmptyNode Instance = new();

    public override long Size => 0;

    public override void Emit(StringBuilder sb)
    {
    }
}

/// <summary>A sequence.</summary>
internal sealed class ConcatNode(List<ReNode> items) : ReNode
{
    public List<ReNode> Items { get; } = items;

    public override long Size => Items.Sum(static i => i.Size);

    public override void Emit(StringBuilder sb)
    {
        foreach (var item in Items)
        {
            item.Emit(sb);
        }
    }

    /// <summary>Builds a sequence, merging adjacent literals with the same case folding.</summary>
    public static ReNode Create(List<ReNode> items)
    {
        var merged = new List<ReNode>(items.Count);
        foreach (var item in items)
        {
            if (item is LiteralNode lit && merged.Count > 0 && merged[^1] is LiteralNode prev && prev.FoldCase == lit.FoldCase)
            {
                merged[^1] = new LiteralNode(prev.Text + lit.Text, lit.FoldCase);
            }
            else
            {
                merged.Add(item);
            }
        }

        return merged.Count switch
        {
            0 => EmptyNode.Instance,
            1 => merged[0],
            _ => new ConcatNode(merged),
        };
    }
}

/// <summary>An alternation.</summary>
internal sealed class AlternateNode(List<ReNode> branches) : ReNode
{
    public List<ReNode> Branches { get; } = branches;

    public override long Size => Branches.Sum(static b => b.Size) + Branches.Count;

    public override void Emit(StringBuilder sb)
    {
        sb.Append("(?:");
        for (var i = 0; i < Branches.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('|');
            }

            Branches[i].Emit(sb);
        }

        sb.Append(')');
    }
}

/// <summary>A capturing group. Always emitted unnamed so .NET numbers groups left to right, as RE2 does.</summary>
internal sealed class CaptureNode(ReNode sub, int index, string? name) : ReNode
{
    public ReNode Sub { get; } = sub;

    public int Index { get; } = index;

    public string? Name { get; } = name;

    public override long Size => Sub.Size + 2;

    public override void Emit(StringBuilder sb)
    {
        sb.Append('(');
        Sub.Emit(sb);
        sb.Append(')');
    }
}

/// <summary>A repetition; <see cref="Max"/> is -1 when unbounded.</summary>
internal sealed class RepeatNode(ReNode sub, int min, int max, bool greedy, bool braces) : ReNode
{
    public ReNode Sub { get; } = sub;

    public int Min { get; } = min;

    public int Max { get; } = max;

    public bool Greedy { get; } = greedy;

    /// <summary>Written as <c>{n,m}</c>, which RE2 counts against its repeat limit.</summary>
    public bool Braces { get; } = braces;

    public override long Size => (Sub.Size * Math.Max(1, Max == -1 ? Min : Max)) + 1;

    public override void Emit(StringBuilder sb)
    {
        if (Sub is AnyCharNode any && Max == -1)
        {
            any.EmitUnbounded(sb);
        }
        else if (Sub is CaptureNode)
        {
            Sub.Emit(sb);
        }
        else
        {
            sb.Append("(?:");
            Sub.Emit(sb);
            sb.Append(')');
        }

        switch (Min, Max)
        {
            case (0, -1): sb.Append('*'); break;
            case (1, -1): sb.Append('+'); break;
            case (0, 1): sb.Append('?'); break;
            case (_, -1): sb.Append(CultureInfo.InvariantCulture, $"{{{Min},}}"); break;
            default:
                if (Min == Max)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{{{Min}}}");
                }
                else
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{{{Min},{Max}}}");
                }

                break;
        }

        if (!Greedy)
        {
            sb.Append('?');
        }
    }
}
