namespace Pharos.PromQL.Parser;

/// <summary>A range vector selector <c>selector[range]</c>; offset, <c>@</c> and modifiers live on <see cref="VectorSelector"/>.</summary>
public sealed record MatrixSelector : Expr
{
    /// <summary>The selector the range applies to.</summary>
    public required VectorSelector VectorSelector { get; init; }

    /// <summary>The range in milliseconds; the value of <see cref="RangeExpr"/> when that is constant, else 0.</summary>
    public long RangeMs { get; init; }

    /// <summary>A duration expression given as the range (<c>[5m + step()]</c>), or null.</summary>
    public DurationExpr? RangeExpr { get; init; }

    /// <inheritdoc />
    public override ValueType Type => ValueType.Matrix;
}
