namespace Pharos.PromQL.Parser;

/// <summary>An aggregation such as <c>sum by (job) (x)</c> or <c>topk(3, x)</c>.</summary>
public sealed record AggregateExpr : Expr
{
    /// <summary>The operator.</summary>
    public required AggregationOp Op { get; init; }

    /// <summary>The aggregated expression.</summary>
    public required Expr Expr { get; init; }

    /// <summary>The parameter of topk, bottomk, quantile, count_values, limitk and limit_ratio; otherwise null.</summary>
    public Expr? Param { get; init; }

    /// <summary>The <c>by</c> or <c>without</c> labels, in the order written.</summary>
    public string[] Grouping { get; init; } = [];

    /// <summary>Whether <see cref="Grouping"/> lists labels to drop (<c>without</c>) rather than keep (<c>by</c>).</summary>
    public bool Without { get; init; }

    /// <inheritdoc />
    public override ValueType Type => ValueType.Vector;
}
