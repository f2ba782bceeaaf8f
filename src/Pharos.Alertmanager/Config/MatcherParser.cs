using System.Text;
using Pharos.Model;
using MatchType = Pharos.Model.MatchType;

namespace Pharos.Alertmanager.Config;

/// <summary>
/// Alertmanager's matcher syntax (<c>amtool</c>, <c>matchers:</c> in routes and inhibit rules): one or more
/// comma-separated matchers, optionally in braces, each <c>name op value</c> with <c>=</c>, <c>!=</c>, <c>=~</c> or
/// <c>!~</c> and a value that is either double-quoted (Go escapes) or plain text up to the next comma.
/// </summary>
public static class MatcherParser
{
    /// <summary>Parses a matcher list such as <c>{a="b", c=~"d|e"}</c> or <c>severity = warning</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The matchers in text order.</returns>
    /// <exception cref="FormatException">Bad syntax or an invalid regular expression.</exception>
    public static List<Matcher> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        if (s.StartsWith('{') && s.EndsWith('}') && s.Length >= 2)
        {
            s = s[1..^1];
        }

        var result = new List<Matcher>();
        var pos = 0;
        while (true)
        {
            SkipSpace(s, ref pos);
            if (pos >= s.Length)
            {
                break;
            }

            result.Add(ParseOne(text, s, ref pos));
            SkipSpace(s, ref pos);
            if (pos < s.Length)
            {
                if (s[pos] != ',')
                {
                    throw new FormatException($"bad matcher format: {text}");
                }

                pos++;
            }
        }

        return result;
    }

    /// <summary>Formats a matcher as Alertmanager prints it: <c>name="value"</c> with the value Go-escaped.</summary>
    /// <param name="matcher">The matcher.</param>
    /// <returns>The text.</returns>
    public static string Format(Matcher matcher)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        var sb = new StringBuilder(matcher.Name.Length + matcher.Value.Length + 4);
        sb.Append(matcher.Name).Append(Matcher.Operator(matcher.Type)).Append('"');
        foreach (var c in matcher.Value)
        {
            _ = c switch
            {
                '\\' => sb.Append(@"\\"),
                '"' => sb.Append("\\\""),
                '\n' => sb.Append(@"\n"),
                _ => sb.Append(c),
            };
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Formats a matcher list as <c>{a="b",c=~"d"}</c> (the form route keys use).</summary>
    /// <param name="matchers">The matchers.</param>
    /// <returns>The text.</returns>
    public static string Format(IEnumerable<Matcher> matchers) => "{" + string.Join(",", matchers.Select(Format)) + "}";

    /// <summary>Creates a matcher, turning a bad regular expression into a <see cref="FormatException"/>.</summary>
    /// <param name="type">The type.</param>
    /// <param name="name">The label name.</param>
    /// <param name="value">The value or pattern.</param>
    /// <returns>The matcher.</returns>
    public static Matcher Create(MatchType type, string name, string value)
    {
        if (!Matcher.TryCreate(type, name, value, out var matcher, out var error))
        {
            throw new FormatException($"invalid regular expression \"{value}\": {error.Message}");
        }

        return matcher;
    }

    private static Matcher ParseOne(string original, string s, ref int pos)
    {
        var start = pos;
        string name;
        if (s[pos] == '"')
        {
            name = ReadQuoted(s, ref pos, out var closed);
            if (!closed)
            {
                throw new FormatException($"bad matcher format: {original}");
            }
        }
        else
        {
            while (pos < s.Length && (char.IsAsciiLetterOrDigit(s[pos]) || s[pos] is '_' or ':'))
            {
                pos++;
            }

            name = s[start..pos];
            if (name.Length == 0 || char.IsAsciiDigit(name[0]))
            {
                throw new FormatException($"bad matcher format: {original}");
            }
        }

        SkipSpace(s, ref pos);
        MatchType type;
        if (Next(s, pos, "=~"))
        {
            type = MatchType.Regex;
            pos += 2;
        }
        else if (Next(s, pos, "!~"))
        {
            type = MatchType.NotRegex;
            pos += 2;
        }
        else if (Next(s, pos, "!="))
        {
            type = MatchType.NotEqual;
            pos += 2;
        }
        else if (Next(s, pos, "="))
        {
            type = MatchType.Equal;
            pos += 1;
        }
        else
        {
            throw new FormatException($"bad matcher format: {original}");
        }

        SkipSpace(s, ref pos);
        string value;
        if (pos < s.Length && s[pos] == '"')
        {
            var quoteAt = pos;
            value = ReadQuoted(s, ref pos, out var closed);
            if (!closed)
            {
                throw new FormatException($"matcher value contains unescaped double quote: {s[quoteAt..].TrimEnd()}");
            }
        }
        else
        {
            var valueStart = pos;
            while (pos < s.Length && s[pos] != ',')
            {
                pos++;
            }

            value = s[valueStart..pos].TrimEnd();
        }

        return Create(type, name, value);
    }

    private static string ReadQuoted(string s, ref int pos, out bool closed)
    {
        closed = true;
        var sb = new StringBuilder();
        pos++;
        while (pos < s.Length)
        {
            var c = s[pos++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c == '\\' && pos < s.Length)
            {
                var e = s[pos++];
                sb.Append(e switch
                {
                    'n' => '\n',
                    't' => '\t',
                    _ => e,
                });
                continue;
            }

            sb.Append(c);
        }

        closed = false;
        return sb.ToString();
    }

    private static bool Next(string s, int pos, string token) => string.CompareOrdinal(s, pos, token, 0, token.Length) == 0;

    private static void SkipSpace(string s, ref int pos)
    {
        while (pos < s.Length && char.IsWhiteSpace(s[pos]))
        {
            pos++;
        }
    }
}
