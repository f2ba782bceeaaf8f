namespace Pharos.PromQL.Parser;

/// <summary>A binary operation.</summary>
public sealed record BinaryExpr : Expr
{
    /// <summary>The operator.</summary>
    public required BinaryOp Op { get; init; }

    /// <summary>The left operand.</summary>
    public required Expr Lhs { get; init; }

    /// <summary>The right operand.</summary>
    public required Expr Rhs { get; init; }

    /// <summary>Vector matching; null unless both operands are instant vectors.</summary>
    public VectorMatching? VectorMatching { get; init; }

    /// <summary>Whether a comparison returns 0/1 (<c>bool</c>) instead of filtering.</summary>
    public bool ReturnBool { get; init; }

    /// <inheritdoc />
    public override ValueType Type =>
        Lhs.Type == ValueType.Scalar && Rhs.Type == ValueType.Scalar ? ValueType.Scalar : ValueType.Vector;
}
