namespace Pharos.Storage;

/// <summary>
/// Optional information about a selection that lets a storage do less work. Only <see cref="Limit"/> changes the
/// result; every other hint may be ignored. Immutable.
/// </summary>
public sealed record SelectHints
{
    /// <summary>Start of the data the caller needs, inclusive, in milliseconds since the Unix epoch.</summary>
    public long StartMs { get; init; }

    /// <summary>End of the data the caller needs, inclusive, in milliseconds since the Unix epoch.</summary>
    public long EndMs { get; init; }

    /// <summary>The most series to return; 0 for no limit.</summary>
    public int Limit { get; init; }

    /// <summary>The query step in milliseconds; 0 for an instant query.</summary>
    public long StepMs { get; init; }

    /// <summary>
    /// The surrounding function or aggregation (<c>rate</c>, <c>sum</c>, …). <c>series</c> means only labels are
    /// needed, as for the series API, so a storage may return series without samples.
    /// </summary>
    public string? Func { get; init; }

    /// <summary>Label names of the surrounding aggregation's <c>by</c>/<c>without</c> clause; empty when none.</summary>
    public IReadOnlyList<string> Grouping { get; init; } = [];

    /// <summary>True for <c>by</c>, false for <c>without</c>.</summary>
    public bool By { get; init; }

    /// <summary>The range of a range-vector selector in milliseconds; 0 for an instant selector.</summary>
    public long RangeMs { get; init; }

    /// <summary>Splits series into this many shards by label hash; 0 disables sharding.</summary>
    public ulong ShardCount { get; init; }

    /// <summary>The shard to return when <see cref="ShardCount"/> is set, from 0 to <see cref="ShardCount"/> − 1.</summary>
    public ulong ShardIndex { get; init; }

    /// <summary>Whether samples outside <see cref="StartMs"/>..<see cref="EndMs"/> may be returned (faster for chunked storage).</summary>
    public bool DisableTrimming { get; init; }
}
