using System.Text.Json.Serialization;

namespace Pharos.Tsdb.Block;

/// <summary>A parent block named in a compacted block's meta (Prometheus <c>BlockDesc</c>). Immutable.</summary>
public sealed record BlockDesc
{
    /// <summary>The parent's ULID.</summary>
    [JsonPropertyName("ulid")]
    public required string Ulid { get; init; }

    /// <summary>The parent's minimum time, inclusive.</summary>
    [JsonPropertyName("minTime")]
    public long MinTimeMs { get; init; }

    /// <summary>The parent's maximum time, exclusive.</summary>
    [JsonPropertyName("maxTime")]
    public long MaxTimeMs { get; init; }
}
