using System.Text.Json.Serialization;

namespace Pharos.Tsdb.Block;

/// <summary>Counts of a block's content (Prometheus <c>BlockStats</c>); zero counts are omitted as upstream does.</summary>
public sealed record BlockStats
{
    /// <summary>The number of samples.</summary>
    [JsonPropertyName("numSamples")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong NumSamples { get; init; }

    /// <summary>The number of series.</summary>
    [JsonPropertyName("numSeries")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong NumSeries { get; init; }

    /// <summary>The number of chunks.</summary>
    [JsonPropertyName("numChunks")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong NumChunks { get; init; }

    /// <summary>The number of tombstone intervals.</summary>
    [JsonPropertyName("numTombstones")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong NumTombstones { get; init; }
}
