namespace Pharos.PromQL.Parser;

/// <summary>A unary minus or plus on a scalar or instant vector (a negated number literal is folded into the literal).</summary>
public sealed record UnaryExpr : Expr
{
    /// <summary>The operator.</summary>
    public required UnaryOp Op { get; init; }

    /// <summary>The operand.</summary>
    public required Expr Expr { get; init; }

    /// <inheritdoc />
    public override ValueType Type => Expr.Type;
}
