namespace Pharos.Rules.Files;

/// <summary>One problem found in a rule file, with its position.</summary>
/// <param name="File">The file path.</param>
/// <param name="Line">The 1-based line, 0 when unknown.</param>
/// <param name="Column">The 1-based column, 0 when unknown.</param>
/// <param name="Message">What is wrong, worded as upstream words it.</param>
public sealed record RuleFileError(string File, int Line, int Column, string Message)
{
    /// <summary>Formats as <c>file:line:column: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}
