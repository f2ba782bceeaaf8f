using System.Text.Json.Serialization;

namespace Pharos.Tsdb.Block;

/// <summary>A block's compaction history (Prometheus <c>BlockMetaCompaction</c>).</summary>
public sealed record BlockCompaction
{
    /// <summary>1 for a block cut from the head; one more than its sources' maximum after each compaction.</summary>
    [JsonPropertyName("level")]
    public int Level { get; init; } = 1;

    /// <summary>The ULIDs of the level-1 blocks whose data this block holds (itself for a level-1 block).</summary>
    [JsonPropertyName("sources")]
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>The blocks this one was compacted from (empty for a block cut from the head); upstream's <c>parents</c>.</summary>
    [JsonPropertyName("parents")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<BlockDesc>? Parents { get; init; }

    /// <summary>Whether a compaction of this block failed (it is then excluded from further compactions).</summary>
    [JsonPropertyName("failed")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Failed { get; init; }
}
