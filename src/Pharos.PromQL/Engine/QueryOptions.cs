namespace Pharos.PromQL.Engine;

/// <summary>Per-query settings (upstream <c>QueryOpts</c> plus the query log's origin). Immutable.</summary>
public sealed record QueryOptions
{
    /// <summary>Whether <see cref="QueryStats.TotalSamplesPerStep"/> is collected (<c>stats=all</c> with per-step statistics).</summary>
    public bool EnablePerStepStats { get; init; }

    /// <summary>
    /// Where the query came from, written as extra top-level fields of its query log line, e.g.
    /// <c>httpRequest</c> → {<c>clientIP</c>, <c>method</c>, <c>path</c>} or <c>ruleGroup</c> → {<c>file</c>, <c>name</c>}.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Origin { get; init; }
}
