namespace Pharos.PromQL.Parser;

/// <summary>
/// A string literal, unquoted. Bytes of a <c>\x</c> escape that do not form valid UTF-8 are held as lone surrogates
/// <c>U+DC80</c>–<c>U+DCFF</c> (one per byte) so that they survive printing and fail label validation as upstream.
/// </summary>
public sealed record StringLiteral : Expr
{
    /// <summary>The unquoted value.</summary>
    public required string Value { get; init; }

    /// <inheritdoc />
    public override ValueType Type => ValueType.String;
}
