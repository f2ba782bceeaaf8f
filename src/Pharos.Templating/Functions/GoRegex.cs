using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Pharos.Model;

namespace Pharos.Templating.Functions;

/// <summary>
/// Unanchored RE2 matching and replacement with Go's <c>regexp</c> semantics, built on the model's RE2 translation:
/// <c>MatchString</c>, and <c>ReplaceAllString</c> with <c>Expand</c>'s <c>$1</c>, <c>${name}</c> and <c>$$</c>.
/// </summary>
internal static class GoRegex
{
    private const int CacheCapacity = 1024;
    private static readonly ConcurrentDictionary<string, (Regex Regex, IReadOnlyList<string?> Names)> Cache = new(StringComparer.Ordinal);

    public static (Regex Regex, IReadOnlyList<string?> Names) Compile(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        string dotNet;
        IReadOnlyList<string?> names;
        try
        {
            var matcher = new FastRegexMatcher(pattern);
            dotNet = matcher.DotNetPattern;
            names = matcher.GroupNames;
        }
        catch (RegexSyntaxException ex)
        {
            throw new TemplateFunctionException($"error parsing regexp: {ex.Reason}: `{ex.Fragment}`");
        }

        // The model anchors label regexes as \A(?:…)\z; template functions match anywhere.
        const string Prefix = @"\A(?:";
        const string Suffix = @")\z";
        if (dotNet.StartsWith(Prefix, StringComparison.Ordinal) && dotNet.EndsWith(Suffix, StringComparison.Ordinal))
        {
            dotNet = dotNet[Prefix.Length..^Suffix.Length];
        }

        var compiled = (new Regex(dotNet, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), names);
        if (Cache.Count < CacheCapacity)
        {
            Cache.TryAdd(pattern, compiled);
        }

        return compiled;
    }

    public static bool IsMatch(string pattern, string text) => Compile(pattern).Regex.IsMatch(text);

    public static string ReplaceAll(string pattern, string replacement, string text)
    {
        var (regex, names) = Compile(pattern);
        var sb = new StringBuilder();
        var last = 0;
        var searchPos = 0;
        var lastMatchEnd = -1;
        while (searchPos <= text.Length)
        {
            var m = regex.Match(text, searchPos);
            if (!m.Success)
            {
                break;
            }

            // As Go: an empty match right after the previous match is skipped.
            if (m.Length == 0 && m.Index == lastMatchEnd)
            {
                searchPos = m.Index + 1;
                continue;
            }

            sb.Append(text, last, m.Index - last);
            Expand(sb, replacement, names, m);
            last = m.Index + m.Length;
            lastMatchEnd = last;
            searchPos = m.Length == 0 ? last + 1 : last;
        }

        sb.Append(text, last, text.Length - last);
        return sb.ToString();
    }

    private static void Expand(StringBuilder sb, string template, IReadOnlyList<string?> names, Match m)
    {
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c != '$' || i + 1 >= template.Length)
            {
                sb.Append(c);
                continue;
            }

            if (template[i + 1] == '$')
            {
                sb.Append('$');
                i++;
                continue;
            }

            string name;
            int end;
            if (template[i + 1] == '{')
            {
                var close = template.IndexOf('}', i + 2);
                name = close < 0 ? "" : template[(i + 2)..close];
                if (close < 0 || name.Length == 0 || !IsName(name))
                {
                    sb.Append(c);
                    continue;
                }

                end = close;
            }
            else
            {
                end = i + 1;
                while (end < template.Length && (char.IsAsciiLetterOrDigit(template[end]) || template[end] == '_'))
                {
                    end++;
                }

                if (end == i + 1)
                {
                    sb.Append(c);
                    continue;
                }

                name = template[(i + 1)..end];
                end--;
            }

            sb.Append(GroupValue(names, m, name));
            i = end;
        }
    }

    private static bool IsName(string s) => s.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_');

    private static string GroupValue(IReadOnlyList<string?> names, Match m, string name)
    {
        if (name.All(char.IsAsciiDigit))
        {
            return int.TryParse(name, out var n) && n < m.Groups.Count ? m.Groups[n].Value : "";
        }

        for (var i = 1; i < names.Count && i < m.Groups.Count; i++)
        {
            if (names[i] == name)
            {
                return m.Groups[i].Value;
            }
        }

        return "";
    }
}
