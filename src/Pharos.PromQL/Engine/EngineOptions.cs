namespace Pharos.PromQL.Engine;

/// <summary>Engine settings (upstream <c>EngineOpts</c>). Immutable.</summary>
public sealed record EngineOptions
{
    /// <summary>How far back an instant selector looks for a sample (<c>--query.lookback-delta</c>); 5 minutes by default.</summary>
    public TimeSpan LookbackDelta { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The most samples a query may hold in memory at once (<c>--query.max-samples</c>).</summary>
    public int MaxSamples { get; init; } = 50_000_000;

    /// <summary>How long a query may run (<c>--query.timeout</c>).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How many queries may run at once (<c>--query.max-concurrency</c>); others wait in a queue.</summary>
    public int MaxConcurrentQueries { get; init; } = 20;

    /// <summary>The step of a subquery written without one (<c>[1h:]</c>), as upstream's rule evaluation interval default.</summary>
    public TimeSpan DefaultSubqueryStep { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Remove <c>__name__</c> at the end of evaluation rather than per operation (<c>promql-delayed-name-removal</c>);
    /// off by default, as upstream's feature flag.
    /// </summary>
    public bool EnableDelayedNameRemoval { get; init; }

    /// <summary>Parser feature switches.</summary>
    public Parser.PromQLParserOptions ParserOptions { get; init; } = Parser.PromQLParserOptions.Default;
}
