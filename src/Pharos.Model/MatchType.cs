namespace Pharos.Model;

/// <summary>How a <see cref="Matcher"/> compares a label value.</summary>
public enum MatchType : byte
{
    /// <summary><c>=</c>: the value equals the matcher value.</summary>
    Equal,

    /// <summary><c>!=</c>: the value differs from the matcher value.</summary>
    NotEqual,

    /// <summary><c>=~</c>: the whole value matches the regular expression.</summary>
    Regex,

    /// <summary><c>!~</c>: the whole value does not match the regular expression.</summary>
    NotRegex,
}
