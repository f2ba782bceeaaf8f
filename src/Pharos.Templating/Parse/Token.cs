namespace Pharos.Templating.Parse;

/// <summary>One lexical item: its kind, its text, its byte offset in the template and its 1-based line.</summary>
internal readonly record struct Token(TokenKind Kind, string Value, int Pos, int Line)
{
    public override string ToString() => Kind switch
    {
        TokenKind.Eof => "EOF",
        TokenKind.Error => Value,
        TokenKind.Keyword => "<" + Value + ">",
        _ => Value.Length > 10 ? "\"" + Value[..10] + "\"..." : "\"" + Value + "\"",
    };
}
