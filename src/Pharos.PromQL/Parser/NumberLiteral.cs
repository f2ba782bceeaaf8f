namespace Pharos.PromQL.Parser;

/// <summary>A number such as <c>1.5</c>, <c>0x1F</c>, <c>Inf</c>, or a duration used as a number of seconds (<c>5m</c>).</summary>
public sealed record NumberLiteral : Expr
{
    /// <summary>The value; seconds when <see cref="IsDuration"/>.</summary>
    public required double Value { get; init; }

    /// <summary>Whether the literal was written as a duration and prints as one.</summary>
    public bool IsDuration { get; init; }

    /// <inheritdoc />
    public override ValueType Type => ValueType.Scalar;
}
