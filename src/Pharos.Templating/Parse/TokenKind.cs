namespace Pharos.Templating.Parse;

/// <summary>Kinds of lexical items, as Go's <c>text/template/parse</c> lexer names them.</summary>
internal enum TokenKind
{
    Error,
    Eof,
    Text,
    LeftDelim,
    RightDelim,
    Space,
    Identifier,
    Field,
    Variable,
    Dot,
    Pipe,
    Declare,
    Assign,
    Char,
    Number,
    String,
    RawString,
    Bool,
    Nil,
    LeftParen,
    RightParen,
    Comma,
    Keyword,
}
