using Pharos.Tsdb.Block;

namespace Pharos.Tsdb.Db;

/// <summary>
/// What <c>/api/v1/status/tsdb</c> reports (Prometheus <c>tsdb.Stats</c> plus the head's cardinality statistics):
/// the head's counts and time range, the top entries of each cardinality list, and the persisted blocks. Immutable.
/// </summary>
public sealed record TsdbStats
{
    /// <summary>The head's counts and range (<c>headStats</c>).</summary>
    public required TsdbHeadStats Head { get; init; }

    /// <summary><c>seriesCountByMetricName</c>: head series per metric name, largest first.</summary>
    public required IReadOnlyList<TsdbStatsEntry> SeriesCountByMetricName { get; init; }

    /// <summary><c>labelValueCountByLabelName</c>: distinct values per label name, largest first.</summary>
    public required IReadOnlyList<TsdbStatsEntry> LabelValueCountByLabelName { get; init; }

    /// <summary><c>memoryInBytesByLabelName</c>: bytes of the label values per label name, largest first.</summary>
    public required IReadOnlyList<TsdbStatsEntry> MemoryInBytesByLabelName { get; init; }

    /// <summary><c>seriesCountByLabelValuePair</c>: series per <c>name=value</c> pair, largest first.</summary>
    public required IReadOnlyList<TsdbStatsEntry> SeriesCountByLabelValuePair { get; init; }

    /// <summary>The persisted blocks, oldest first (for <c>/api/v1/status/tsdb/blocks</c>-style listings).</summary>
    public required IReadOnlyList<BlockMeta> Blocks { get; init; }
}

/// <summary>The head part of <see cref="TsdbStats"/> (upstream's <c>headStats</c>). Immutable.</summary>
/// <param name="NumSeries">Series in the head.</param>
/// <param name="NumLabelPairs">Distinct label name/value pairs in the head.</param>
/// <param name="ChunkCount">Chunks in the head.</param>
/// <param name="MinTimeMs">The oldest head sample time, or <see cref="long.MaxValue"/> for an empty head (as upstream reports it).</param>
/// <param name="MaxTimeMs">The newest head sample time, or <see cref="long.MinValue"/> for an empty head.</param>
public sealed record TsdbHeadStats(long NumSeries, long NumLabelPairs, long ChunkCount, long MinTimeMs, long MaxTimeMs);

/// <summary>One row of a cardinality list: a name and its count (<c>{"name": …, "value": …}</c> upstream).</summary>
/// <param name="Name">The metric name, label name or <c>name=value</c> pair.</param>
/// <param name="Value">The count or size.</param>
public sealed record TsdbStatsEntry(string Name, ulong Value);
