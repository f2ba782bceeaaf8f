namespace Pharos.PromQL.Parser;

/// <summary>An aggregation operator.</summary>
public enum AggregationOp : byte
{
    /// <summary><c>sum</c></summary>
    Sum,

    /// <summary><c>avg</c></summary>
    Avg,

    /// <summary><c>count</c></summary>
    Count,

    /// <summary><c>min</c></summary>
    Min,

    /// <summary><c>max</c></summary>
    Max,

    /// <summary><c>group</c></summary>
    Group,

    /// <summary><c>stddev</c></summary>
    Stddev,

    /// <summary><c>stdvar</c></summary>
    Stdvar,

    /// <summary><c>topk</c> (scalar parameter)</summary>
    Topk,

    /// <summary><c>bottomk</c> (scalar parameter)</summary>
    Bottomk,

    /// <summary><c>count_values</c> (string parameter)</summary>
    CountValues,

    /// <summary><c>quantile</c> (scalar parameter)</summary>
    Quantile,

    /// <summary><c>limitk</c> (scalar parameter, experimental)</summary>
    Limitk,

    /// <summary><c>limit_ratio</c> (scalar parameter, experimental)</summary>
    LimitRatio,
}
