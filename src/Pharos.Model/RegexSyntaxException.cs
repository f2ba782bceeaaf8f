namespace Pharos.Model;

/// <summary>
/// A regular expression that RE2 (and therefore Prometheus) rejects: unsupported Perl syntax such as
/// backreferences and lookaround, unbalanced groups, bad escapes, repeat counts above 1000.
/// </summary>
public sealed class RegexSyntaxException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pattern">The whole pattern.</param>
    /// <param name="position">Zero-based UTF-16 offset of the offending construct.</param>
    /// <param name="reason">RE2's wording of the problem, e.g. <c>invalid escape sequence</c>.</param>
    /// <param name="fragment">The offending text.</param>
    public RegexSyntaxException(string pattern, int position, string reason, string fragment)
        : base($"error parsing regexp: {reason}: `{fragment}` at position {position}")
    {
        Pattern = pattern;
        Position = position;
        Reason = reason;
        Fragment = fragment;
    }

    /// <summary>The whole pattern.</summary>
    public string Pattern { get; }

    /// <summary>Zero-based UTF-16 offset of the offending construct in <see cref="Pattern"/>.</summary>
    public int Position { get; }

    /// <summary>RE2's wording of the problem, e.g. <c>invalid or unsupported Perl syntax</c>.</summary>
    public string Reason { get; }

    /// <summary>The offending text.</summary>
    public string Fragment { get; }
}
