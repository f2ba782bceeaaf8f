namespace Pharos.Model.Re2;

/// <summary>A matcher that answers a regex match without running the regex engine.</summary>
internal abstract class StringMatcher
{
    public abstract bool Matches(ReadOnlySpan<char> s);
}

/// <summary><c>.*</c> with newlines: everything.</summary>
internal sealed class AnyStringMatcher : StringMatcher
{
    public static readonly AnyStringMatcher Instance = new();

    public override bool Matches(ReadOnlySpan<char> s) => true;
}

/// <summary>Exactly one string.</summary>
internal sealed class EqualStringMatcher(string value) : StringMatcher
{
    public override bool Matches(ReadOnlySpan<char> s) => s.SequenceEqual(value);
}

/// <summary>One of a set of strings (<c>a|b|c</c>).</summary>
internal sealed class SetStringMatcher : StringMatcher
{
    private readonly HashSet<string> _set;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public SetStringMatcher(IEnumerable<string> values)
    {
        _set = new HashSet<string>(values, StringComparer.Ordinal);
        _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public override bool Matches(ReadOnlySpan<char> s) => _lookup.Contains(s);
}

/// <summary>Contains one of several literals (<c>.*(a|b).*</c>).</summary>
internal sealed class ContainsAnyStringMatcher(string[] literals) : StringMatcher
{
    public override bool Matches(ReadOnlySpan<char> s)
    {
        foreach (var literal in literals)
        {
            if (s.Contains(literal, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Literals separated by <c>.*</c> or <c>.+</c> wildcards (newlines included), such as <c>foo.*</c>,
/// <c>.*foo</c>, <c>.*foo.*</c>, <c>foo.+bar</c> or <c>.*-.*-.*</c>. Finding each literal at its leftmost
/// position is optimal for this shape, so matching is a few <c>IndexOf</c> calls.
/// </summary>
internal sealed class GlobStringMatcher : StringMatcher
{
    private readonly string[] _literals;

    // _gaps[i] is the wildcard before _literals[i]; the last entry follows the last literal.
    private readonly Gap[] _gaps;

    public GlobStringMatcher(string[] literals, Gap[] gaps)
    {
        _literals = literals;
        _gaps = gaps;
    }

    public enum Gap : byte
    {
        None,
        Any,
        NonEmpty,
    }

    public override bool Matches(ReadOnlySpan<char> s)
    {
        var pos = 0;
        for (var i = 0; i < _literals.Length; i++)
        {
            var literal = _literals[i];
            var gap = _gaps[i];
            var minGap = gap == Gap.NonEmpty ? 1 : 0;
            if (gap == Gap.None)
            {
                if (!s[pos..].StartsWith(literal, StringComparison.Ordinal))
                {
                    return false;
                }

                pos += literal.Length;
                continue;
            }

            if (i == _literals.Length - 1 && _gaps[i + 1] == Gap.None)
            {
                return s.Length - literal.Length >= pos + minGap && s.EndsWith(literal, StringComparison.Ordinal);
            }

            if (pos + minGap > s.Length)
            {
                return false;
            }

            var index = s[(pos + minGap)..].IndexOf(literal, StringComparison.Ordinal);
            if (index < 0)
            {
                return false;
            }

            pos += minGap + index + literal.Length;
        }

        return _gaps[^1] switch
        {
            Gap.None => pos == s.Length,
            Gap.NonEmpty => s.Length > pos,
            _ => true,
        };
    }
}
