using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Text.RegularExpressions;
using Pharos.Model.Re2;

namespace Pharos.Model;

/// <summary>
/// A Prometheus label regex: RE2 syntax, fully anchored (<c>^(?s:re)$</c>, so <c>.</c> matches newlines), compiled
/// once and matched without allocation. Common shapes skip the regex engine entirely, as Prometheus's
/// <c>FastRegexMatcher</c> does: literals, alternations of literals (<see cref="SetMatches"/>), <c>.*</c>,
/// <c>.+</c>, and literals joined by <c>.*</c> (prefix, suffix, contains). Immutable and thread-safe.
/// </summary>
public sealed class FastRegexMatcher
{
    // Most selectors repeat across queries and rule evaluations; a bounded cache keeps compilation off the hot path.
    private const int CacheCapacity = 4096;

    // As Prometheus: beyond this many alternatives a set no longer pays for itself in postings lookups.
    private const int MaxSetMatches = 256;

    private static readonly ConcurrentDictionary<string, FastRegexMatcher> Cache = new(StringComparer.Ordinal);

    private readonly string[] _setMatches;
    private readonly StringMatcher? _stringMatcher;
    private readonly string[] _contains;
    private readonly Lazy<Regex> _regex;

    /// <summary>Parses and compiles <paramref name="pattern"/>.</summary>
    /// <param name="pattern">An RE2 pattern, without anchors.</param>
    /// <exception cref="RegexSyntaxException">RE2 rejects the pattern.</exception>
    public FastRegexMatcher(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Pattern = pattern;
        var root = Re2Parser.Parse(pattern, out var groupNames);
        GroupNames = groupNames;
        DotNetPattern = Re2Parser.ToDotNet(root);
        _regex = new Lazy<Regex>(() => Compile(DotNetPattern), LazyThreadSafetyMode.ExecutionAndPublication);

        var stripped = StripCaptures(root);
        var set = FindSetMatches(stripped);
        // As Prometheus, the empty pattern has no set: postings treat "matches only empty" specially anyway.
        _setMatches = pattern.Length == 0 ? [] : set?.ToArray() ?? [];
        _stringMatcher = set switch
        {
            { Count: 1 } => new EqualStringMatcher(set[0]),
            { Count: > 1 } => new SetStringMatcher(set),
            _ => GlobFrom(stripped) ?? ContainsAnyFrom(stripped),
        };

        _contains = [];
        if (_stringMatcher is null && stripped is ConcatNode concat)
        {
            var items = concat.Items;
            Prefix = items[0] is LiteralNode { FoldCase: false } first ? first.Text : "";
            Suffix = items[^1] is LiteralNode { FoldCase: false } last ? last.Text : "";
            _contains = [.. items.Skip(1).Take(items.Count - 2).OfType<LiteralNode>().Where(l => !l.FoldCase).Select(l => l.Text)];
        }

        // Fail now rather than on first match: a pattern that parses as RE2 must also compile as .NET.
        if (_stringMatcher is null)
        {
            _ = _regex.Value;
        }
    }

    /// <summary>The pattern as given.</summary>
    public string Pattern { get; }

    /// <summary>The equivalent anchored .NET pattern (for diagnostics and for callers that need captures).</summary>
    public string DotNetPattern { get; }

    /// <summary>
    /// Capture group names by group number; entry 0 is the whole match, unnamed groups are null. .NET numbers the
    /// groups of <see cref="Regex"/> the same way, so <c>$1</c> and <c>${name}</c> expand as in Prometheus.
    /// </summary>
    public IReadOnlyList<string?> GroupNames { get; }

    /// <summary>The compiled .NET regex, anchored, for callers that need capture groups (relabeling).</summary>
    public Regex Regex => _regex.Value;

    /// <summary>A literal every matching value starts with, or empty.</summary>
    public string Prefix { get; } = "";

    /// <summary>A literal every matching value ends with, or empty.</summary>
    public string Suffix { get; } = "";

    /// <summary>Literals every matching value contains, in this order, between <see cref="Prefix"/> and <see cref="Suffix"/>.</summary>
    public IReadOnlyList<string> Contains => new ReadOnlyCollection<string>(_contains);

    /// <summary>Whether matching avoids the regex engine or narrows it with literal checks.</summary>
    public bool IsOptimized => _stringMatcher is not null || Prefix.Length > 0 || Suffix.Length > 0 || _contains.Length > 0;

    /// <summary>
    /// The exact set of values the regex matches when it is a small finite set (<c>a|b|c</c>, <c>foo(bar|baz)</c>,
    /// <c>x[12]</c>), so an index can look values up instead of scanning; empty otherwise.
    /// </summary>
    /// <returns>The values.</returns>
    public IReadOnlyList<string> SetMatches() => new ReadOnlyCollection<string>(_setMatches);

    /// <summary>Returns the cached matcher for <paramref name="pattern"/>, compiling it on first use.</summary>
    /// <param name="pattern">An RE2 pattern.</param>
    /// <returns>The matcher.</returns>
    /// <exception cref="RegexSyntaxException">RE2 rejects the pattern.</exception>
    public static FastRegexMatcher Get(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var matcher))
        {
            return matcher;
        }

        matcher = new FastRegexMatcher(pattern);
        if (Cache.Count >= CacheCapacity)
        {
            // Crude but bounded: a full cache starts over rather than tracking recency on every hit.
            Cache.Clear();
        }

        return Cache.GetOrAdd(pattern, matcher);
    }

    /// <summary>Whether the whole of <paramref name="value"/> matches.</summary>
    /// <param name="value">The label value.</param>
    /// <returns>True on a match.</returns>
    public bool Matches(string value) => Matches(value.AsSpan());

    /// <summary>Whether the whole of <paramref name="value"/> matches.</summary>
    /// <param name="value">The label value.</param>
    /// <returns>True on a match.</returns>
    public bool Matches(ReadOnlySpan<char> value)
    {
        if (_stringMatcher is not null)
        {
            return _stringMatcher.Matches(value);
        }

        if (!value.StartsWith(Prefix, StringComparison.Ordinal) || !value.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = value;
        foreach (var literal in _contains)
        {
            var i = rest.IndexOf(literal, StringComparison.Ordinal);
            if (i < 0)
            {
                return false;
            }

            rest = rest[(i + literal.Length)..];
        }

        return _regex.Value.IsMatch(value);
    }

    /// <inheritdoc />
    public override string ToString() => Pattern;

    private static Regex Compile(string pattern)
    {
        const RegexOptions Options = RegexOptions.CultureInvariant;
        try
        {
            // Linear time like RE2: a hostile selector cannot stall a query.
            return new Regex(pattern, Options | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, Options);
        }
    }

    private static ReNode StripCaptures(ReNode node) => node switch
    {
        CaptureNode c => StripCaptures(c.Sub),
        ConcatNode c => ConcatNode.Create([.. c.Items.Select(StripCaptures).SelectMany(static n => n is ConcatNode inner ? inner.Items : [n])]),
        AlternateNode a => new AlternateNode([.. a.Branches.Select(StripCaptures)]),
        RepeatNode r => new RepeatNode(StripCaptures(r.Sub), r.Min, r.Max, r.Greedy, r.Braces),
        _ => node,
    };

    private static List<string>? FindSetMatches(ReNode node) => FindSetMatches(node, [""]);

    private static List<string>? FindSetMatches(ReNode node, List<string> bases)
    {
        switch (node)
        {
            case LiteralNode { FoldCase: false } lit:
                return [.. bases.Select(b => b + lit.Text)];
            case EmptyNode:
                return bases;
            case ConcatNode concat:
                // Base by base, as Prometheus orders the expansion.
                var current = bases;
                foreach (var item in concat.Items)
                {
                    var next = new List<string>();
                    foreach (var b in current)
                    {
                        var found = FindSetMatches(item, [b]);
                        if (found is null || next.Count + found.Count > MaxSetMatches)
                        {
                            return null;
                        }

                        next.AddRange(found);
                    }

                    current = next;
                }

                return current;
            case AlternateNode alt:
                var all = new List<string>();
                foreach (var branch in alt.Branches)
                {
                    var found = FindSetMatches(branch, bases);
                    if (found is null || all.Count + found.Count > MaxSetMatches)
                    {
                        return null;
                    }

                    all.AddRange(found);
                }

                return all;
            case ClassNode { Properties.Count: 0 } cls when cls.RuneCount * bases.Count <= MaxSetMatches:
                var expanded = new List<string>();
                foreach (var b in bases)
                {
                    foreach (var (lo, hi) in cls.Ranges)
                    {
                        for (var c = lo; c <= hi; c++)
                        {
                            // Surrogate code points are not characters; the class emits without them too.
                            if (c is < 0xD800 or > 0xDFFF)
                            {
                                expanded.Add(b + char.ConvertFromUtf32(c));
                            }
                        }
                    }
                }

                return expanded;
            default:
                return null;
        }
    }

    private static bool IsAnyRepeat(ReNode node, out GlobStringMatcher.Gap gap)
    {
        gap = GlobStringMatcher.Gap.None;
        if (node is RepeatNode { Sub: AnyCharNode { DotNewline: true }, Max: -1 } r && r.Min <= 1)
        {
            gap = r.Min == 0 ? GlobStringMatcher.Gap.Any : GlobStringMatcher.Gap.NonEmpty;
            return true;
        }

        return false;
    }

    private static StringMatcher? GlobFrom(ReNode node)
    {
        if (IsAnyRepeat(node, out var only))
        {
            return only == GlobStringMatcher.Gap.Any ? AnyStringMatcher.Instance : new GlobStringMatcher([], [only]);
        }

        if (node is not ConcatNode concat)
        {
            return null;
        }

        var literals = new List<string>();
        var gaps = new List<GlobStringMatcher.Gap> { GlobStringMatcher.Gap.None };
        foreach (var item in concat.Items)
        {
            if (IsAnyRepeat(item, out var gap))
            {
                // Adjacent wildcards merge: .*.+ needs at least one character, like .+ alone.
                gaps[^1] = gaps[^1] == GlobStringMatcher.Gap.NonEmpty || gap == GlobStringMatcher.Gap.NonEmpty
                    ? GlobStringMatcher.Gap.NonEmpty
                    : GlobStringMatcher.Gap.Any;
            }
            else if (item is LiteralNode { FoldCase: false } lit)
            {
                literals.Add(lit.Text);
                gaps.Add(GlobStringMatcher.Gap.None);
            }
            else
            {
                return null;
            }
        }

        return new GlobStringMatcher([.. literals], [.. gaps]);
    }

    private static ContainsAnyStringMatcher? ContainsAnyFrom(ReNode node)
    {
        if (node is ConcatNode { Items: [var head, AlternateNode alt, var tail] }
            && IsAnyRepeat(head, out var g1) && g1 == GlobStringMatcher.Gap.Any
            && IsAnyRepeat(tail, out var g2) && g2 == GlobStringMatcher.Gap.Any
            && alt.Branches.TrueForAll(static b => b is LiteralNode { FoldCase: false }))
        {
            return new ContainsAnyStringMatcher([.. alt.Branches.Cast<LiteralNode>().Select(static l => l.Text)]);
        }

        return null;
    }
}
