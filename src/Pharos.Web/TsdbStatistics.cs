namespace Pharos.Web;

/// <summary>What <c>/api/v1/status/tsdb</c> returns.</summary>
/// <param name="NumSeries">Series in the head.</param>
/// <param name="NumLabelPairs">Distinct label pairs in the head.</param>
/// <param name="ChunkCount">Chunks in the head.</param>
/// <param name="MinTimeMs">Oldest head timestamp.</param>
/// <param name="MaxTimeMs">Newest head timestamp.</param>
/// <param name="SeriesCountByMetricName">Top metric names by series count.</param>
/// <param name="LabelValueCountByLabelName">Top label names by distinct value count.</param>
/// <param name="MemoryInBytesByLabelName">Top label names by bytes of their values.</param>
/// <param name="SeriesCountByLabelValuePair">Top label pairs by series count.</param>
public sealed record TsdbStatistics(
    long NumSeries,
    long NumLabelPairs,
    long ChunkCount,
    long MinTimeMs,
    long MaxTimeMs,
    IReadOnlyList<KeyValuePair<string, long>> SeriesCountByMetricName,
    IReadOnlyList<KeyValuePair<string, long>> LabelValueCountByLabelName,
    IReadOnlyList<KeyValuePair<string, long>> MemoryInBytesByLabelName,
    IReadOnlyList<KeyValuePair<string, long>> SeriesCountByLabelValuePair);
