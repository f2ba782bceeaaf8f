namespace Pharos.PromQL.Parser;

/// <summary>Properties of <see cref="AggregationOp"/> values.</summary>
public static class AggregationOps
{
    private static readonly Dictionary<string, AggregationOp> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sum"] = AggregationOp.Sum,
        ["avg"] = AggregationOp.Avg,
        ["count"] = AggregationOp.Count,
        ["min"] = AggregationOp.Min,
        ["max"] = AggregationOp.Max,
        ["group"] = AggregationOp.Group,
        ["stddev"] = AggregationOp.Stddev,
        ["stdvar"] = AggregationOp.Stdvar,
        ["topk"] = AggregationOp.Topk,
        ["bottomk"] = AggregationOp.Bottomk,
        ["count_values"] = AggregationOp.CountValues,
        ["quantile"] = AggregationOp.Quantile,
        ["limitk"] = AggregationOp.Limitk,
        ["limit_ratio"] = AggregationOp.LimitRatio,
    };

    /// <summary>The operator's PromQL name, e.g. <c>count_values</c>.</summary>
    /// <param name="op">The operator.</param>
    /// <returns>The lower-case name.</returns>
    public static string Name(this AggregationOp op) => op switch
    {
        AggregationOp.Sum => "sum",
        AggregationOp.Avg => "avg",
        AggregationOp.Count => "count",
        AggregationOp.Min => "min",
        AggregationOp.Max => "max",
        AggregationOp.Group => "group",
        AggregationOp.Stddev => "stddev",
        AggregationOp.Stdvar => "stdvar",
        AggregationOp.Topk => "topk",
        AggregationOp.Bottomk => "bottomk",
        AggregationOp.CountValues => "count_values",
        AggregationOp.Quantile => "quantile",
        AggregationOp.Limitk => "limitk",
        _ => "limit_ratio",
    };

    /// <summary>Looks an aggregation up by name, ignoring case as upstream's lexer does.</summary>
    /// <param name="name">The name.</param>
    /// <param name="op">The operator.</param>
    /// <returns>True when <paramref name="name"/> is an aggregation.</returns>
    public static bool TryParse(ReadOnlySpan<char> name, out AggregationOp op) =>
        ByName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out op);

    /// <summary>Whether the aggregation takes a parameter before the vector (<c>topk(3, x)</c>).</summary>
    /// <param name="op">The operator.</param>
    /// <returns>True for topk, bottomk, count_values, quantile, limitk, limit_ratio.</returns>
    public static bool HasParameter(this AggregationOp op) =>
        op is AggregationOp.Topk or AggregationOp.Bottomk or AggregationOp.CountValues or AggregationOp.Quantile
            or AggregationOp.Limitk or AggregationOp.LimitRatio;

    /// <summary>Whether the aggregation is experimental upstream (limitk, limit_ratio).</summary>
    /// <param name="op">The operator.</param>
    /// <returns>True when experimental.</returns>
    public static bool IsExperimental(this AggregationOp op) => op is AggregationOp.Limitk or AggregationOp.LimitRatio;
}
