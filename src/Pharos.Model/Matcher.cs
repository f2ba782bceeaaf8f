using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Pharos.Model;

/// <summary>
/// A label matcher as in a PromQL selector: <c>name="value"</c>, <c>name!="value"</c>, <c>name=~"re"</c>,
/// <c>name!~"re"</c>. Regex matchers use Prometheus semantics (RE2, anchored, <c>.</c> matches newline); an absent
/// label matches as the empty string. Immutable and thread-safe.
/// </summary>
public sealed class Matcher : IEquatable<Matcher>
{
    private readonly FastRegexMatcher? _regex;

    /// <summary>Creates a matcher.</summary>
    /// <param name="type">The match type.</param>
    /// <param name="name">The label name.</param>
    /// <param name="value">The value, or the RE2 pattern for regex types.</param>
    /// <exception cref="RegexSyntaxException">A regex type with a pattern RE2 rejects.</exception>
    public Matcher(MatchType type, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        Type = type;
        Name = name;
        Value = value;
        if (type is MatchType.Regex or MatchType.NotRegex)
        {
            _regex = FastRegexMatcher.Get(value);
        }

        MatchesEmpty = Matches(ReadOnlySpan<char>.Empty);
    }

    /// <summary>The match type.</summary>
    public MatchType Type { get; }

    /// <summary>The label name.</summary>
    public string Name { get; }

    /// <summary>The value, or the pattern for regex types.</summary>
    public string Value { get; }

    /// <summary>
    /// Whether the matcher accepts the empty string, and so also series without the label (selectors need at
    /// least one matcher that does not).
    /// </summary>
    public bool MatchesEmpty { get; }

    /// <summary>The compiled regex for <see cref="MatchType.Regex"/> and <see cref="MatchType.NotRegex"/>; otherwise null.</summary>
    public FastRegexMatcher? Regex => _regex;

    /// <summary>Creates a matcher, reporting a bad regex instead of throwing.</summary>
    /// <param name="type">The match type.</param>
    /// <param name="name">The label name.</param>
    /// <param name="value">The value or pattern.</param>
    /// <param name="matcher">The matcher, or null.</param>
    /// <param name="error">The parse error, or null.</param>
    /// <returns>True on success.</returns>
    public static bool TryCreate(
        MatchType type,
        string name,
        string value,
        [NotNullWhen(true)] out Matcher? matcher,
        [NotNullWhen(false)] out RegexSyntaxException? error)
    {
        try
        {
            matcher = new Matcher(type, name, value);
            error = null;
            return true;
        }
        catch (RegexSyntaxException e)
        {
            matcher = null;
            error = e;
            return false;
        }
    }

    /// <summary>Whether <paramref name="value"/> satisfies the matcher.</summary>
    /// <param name="value">A label value; the empty string for an absent label.</param>
    /// <returns>True on a match.</returns>
    public bool Matches(string value) => Matches(value.AsSpan());

    /// <summary>Whether <paramref name="value"/> satisfies the matcher.</summary>
    /// <param name="value">A label value; empty for an absent label.</param>
    /// <returns>True on a match.</returns>
    public bool Matches(ReadOnlySpan<char> value) => Type switch
    {
        MatchType.Equal => value.SequenceEqual(Value),
        MatchType.NotEqual => !value.SequenceEqual(Value),
        MatchType.Regex => _regex!.Matches(value),
        _ => !_regex!.Matches(value),
    };

    /// <summary>The matcher with the opposite type (<c>=</c> ↔ <c>!=</c>, <c>=~</c> ↔ <c>!~</c>).</summary>
    /// <returns>The inverse matcher.</returns>
    public Matcher Inverse() => new(
        Type switch
        {
            MatchType.Equal => MatchType.NotEqual,
            MatchType.NotEqual => MatchType.Equal,
            MatchType.Regex => MatchType.NotRegex,
            _ => MatchType.Regex,
        },
        Name,
        Value);

    /// <summary>For regex types, the finite set of values the pattern matches (see <see cref="FastRegexMatcher.SetMatches"/>).</summary>
    /// <returns>The values, or empty.</returns>
    public IReadOnlyList<string> SetMatches() => _regex?.SetMatches() ?? [];

    /// <summary>For regex types, a literal prefix of every matching value, or empty.</summary>
    /// <returns>The prefix.</returns>
    public string Prefix() => _regex?.Prefix ?? "";

    /// <summary>The operator as written in PromQL.</summary>
    /// <param name="type">The match type.</param>
    /// <returns><c>=</c>, <c>!=</c>, <c>=~</c> or <c>!~</c>.</returns>
    public static string Operator(MatchType type) => type switch
    {
        MatchType.Equal => "=",
        MatchType.NotEqual => "!=",
        MatchType.Regex => "=~",
        _ => "!~",
    };

    /// <summary>Formats as Prometheus does: <c>name=~"value"</c>, quoting names outside the legacy character set.</summary>
    /// <returns>The text form.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(Name.Length + Value.Length + 6);
        if (NameValidation.IsLegacyLabelName(Name))
        {
            sb.Append(Name);
        }
        else
        {
            GoQuoting.AppendQuoted(sb, Name);
        }

        sb.Append(Operator(Type));
        GoQuoting.AppendQuoted(sb, Value);
        return sb.ToString();
    }

    /// <inheritdoc />
    public bool Equals(Matcher? other) =>
        other is not null && Type == other.Type && Name == other.Name && Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Matcher);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, Name, Value);
}
