namespace Pharos.PromQL.Parser;

/// <summary>A parenthesised expression.</summary>
public sealed record ParenExpr : Expr
{
    /// <summary>The inner expression.</summary>
    public required Expr Expr { get; init; }

    /// <inheritdoc />
    public override ValueType Type => Expr.Type;
}
