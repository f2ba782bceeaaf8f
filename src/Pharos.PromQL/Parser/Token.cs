namespace Pharos.PromQL.Parser;

/// <summary>
/// A lexical token. <see cref="Text"/> is the raw source text (the message for <see cref="TokenKind.Error"/>);
/// <see cref="StringValue"/> the unquoted value of a string.
/// </summary>
internal readonly record struct Token(TokenKind Kind, int Start, int End, string Text, string? StringValue = null)
{
    public PositionRange Range => new(Start, End);
}
