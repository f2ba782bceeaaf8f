using System.Text;
using System.Text.RegularExpressions;

namespace Pharos.Model.Relabel;

/// <summary>
/// Expands <c>$1</c>, <c>${1}</c>, <c>$name</c> and <c>${name}</c> in a template from a regex match exactly as Go's
/// <c>Regexp.Expand</c>: a name is the longest run of letters, digits and underscores (so <c>$1x</c> means the group
/// <c>1x</c>), <c>$$</c> is a literal dollar, an unknown or non-participating group expands to nothing, a number with a
/// leading zero is a name, and a malformed reference leaves the <c>$</c> as text.
/// </summary>
internal static class RegexTemplate
{
    /// <summary>Whether <paramref name="template"/> refers to the match at all (contains a <c>$</c>).</summary>
    public static bool HasVariables(string template) => template.Contains('$', StringComparison.Ordinal);

    /// <summary>Appends the expansion of <paramref name="template"/> to <paramref name="destination"/>.</summary>
    public static void Expand(StringBuilder destination, string template, Match match, IReadOnlyList<string?> groupNames)
    {
        var rest = template.AsSpan();
        while (rest.Length > 0)
        {
            var dollar = rest.IndexOf('$');
            if (dollar < 0)
            {
                break;
            }

            destination.Append(rest[..dollar]);
            rest = rest[(dollar + 1)..];
            if (rest.Length > 0 && rest[0] == '$')
            {
                destination.Append('$');
                rest = rest[1..];
                continue;
            }

            if (!TryExtract(rest, out var name, out var number, out var consumed))
            {
                destination.Append('$');
                continue;
            }

            rest = rest[consumed..];
            var group = number >= 0 ? number : IndexOfName(groupNames, name);
            if (group >= 0 && group < match.Groups.Count && match.Groups[group].Success)
            {
                destination.Append(match.Groups[group].ValueSpan);
            }
        }

        destination.Append(rest);
    }

    /// <summary>Expands <paramref name="template"/> into a new string.</summary>
    public static string Expand(string template, Match match, IReadOnlyList<string?> groupNames)
    {
        if (!HasVariables(template))
        {
            return template;
        }

        var sb = new StringBuilder(template.Length + 16);
        Expand(sb, template, match, groupNames);
        return sb.ToString();
    }

    private static int IndexOfName(IReadOnlyList<string?> groupNames, ReadOnlySpan<char> name)
    {
        for (var i = 1; i < groupNames.Count; i++)
        {
            if (groupNames[i] is { } n && name.SequenceEqual(n))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TryExtract(ReadOnlySpan<char> text, out ReadOnlySpan<char> name, out int number, out int consumed)
    {
        name = default;
        number = -1;
        consumed = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        var brace = text[0] == '{';
        var start = brace ? 1 : 0;
        var i = start;
        while (i < text.Length)
        {
            if (Rune.DecodeFromUtf16(text[i..], out var rune, out var size) != System.Buffers.OperationStatus.Done)
            {
                break;
            }

            if (!Rune.IsLetter(rune) && !Rune.IsDigit(rune) && rune.Value != '_')
            {
                break;
            }

            i += size;
        }

        if (i == start)
        {
            return false;
        }

        name = text[start..i];
        if (brace)
        {
            if (i >= text.Length || text[i] != '}')
            {
                return false;
            }

            i++;
        }

        // As Go: only ASCII digits make a number, below 1e8, and no leading zero.
        number = 0;
        foreach (var c in name)
        {
            if (c is < '0' or > '9' || number >= 100_000_000)
            {
                number = -1;
                break;
            }

            number = (number * 10) + (c - '0');
        }

        if (name.Length > 1 && name[0] == '0')
        {
            number = -1;
        }

        consumed = i;
        return true;
    }
}
