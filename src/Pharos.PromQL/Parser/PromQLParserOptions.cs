namespace Pharos.PromQL.Parser;

/// <summary>Parser switches for upstream's feature flags. Immutable.</summary>
public sealed record PromQLParserOptions
{
    /// <summary>
    /// Everything enabled, as the conformance <c>.test</c> files assume (experimental functions, duration
    /// expressions, extended range selectors, fill modifiers).
    /// </summary>
    public static PromQLParserOptions Default { get; } = new();

    /// <summary>Upstream's defaults without feature flags: experimental syntax and functions are rejected.</summary>
    public static PromQLParserOptions Stable { get; } = new()
    {
        EnableExperimentalFunctions = false,
        EnableDurationExpressions = false,
        EnableExtendedRangeSelectors = false,
        EnableBinopFillModifiers = false,
    };

    /// <summary>Allow functions and aggregations marked experimental (<c>--enable-feature=promql-experimental-functions</c>).</summary>
    public bool EnableExperimentalFunctions { get; init; } = true;

    /// <summary>Allow arithmetic, <c>step()</c>, <c>range()</c>, <c>min_of</c> and <c>max_of</c> in ranges, steps and offsets.</summary>
    public bool EnableDurationExpressions { get; init; } = true;

    /// <summary>Allow the <c>anchored</c> and <c>smoothed</c> selector modifiers.</summary>
    public bool EnableExtendedRangeSelectors { get; init; } = true;

    /// <summary>Allow <c>fill(v)</c>, <c>fill_left(v)</c> and <c>fill_right(v)</c> on binary operators.</summary>
    public bool EnableBinopFillModifiers { get; init; } = true;
}
