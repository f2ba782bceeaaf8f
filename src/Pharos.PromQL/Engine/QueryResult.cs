namespace Pharos.PromQL.Engine;

/// <summary>The outcome of a query: a value or an error, plus annotations and statistics.</summary>
public sealed class QueryResult
{
    /// <summary>The value; null when <see cref="Error"/> is set.</summary>
    public QueryValue? Value { get; init; }

    /// <summary>The evaluation error, or null on success.</summary>
    public PromQLQueryException? Error { get; init; }

    /// <summary>Warnings and infos.</summary>
    public Annotations Annotations { get; init; } = new();

    /// <summary>Execution statistics.</summary>
    public QueryStats Stats { get; init; } = new();
}
