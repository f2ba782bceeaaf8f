using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pharos.Tsdb.Block;

/// <summary>
/// A block's <c>meta.json</c> (Prometheus <c>tsdb.BlockMeta</c>): identity, time range (minimum inclusive, maximum
/// exclusive), statistics and compaction history. Field names match upstream exactly.
/// </summary>
public sealed record BlockMeta
{
    /// <summary>The only meta file version.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The file name inside a block.</summary>
    public const string FileName = "meta.json";

    /// <summary>The block's ULID, also its directory name.</summary>
    [JsonPropertyName("ulid")]
    public required string Ulid { get; init; }

    /// <summary>The earliest sample time, inclusive.</summary>
    [JsonPropertyName("minTime")]
    public long MinTimeMs { get; init; }

    /// <summary>One past the latest sample time (exclusive).</summary>
    [JsonPropertyName("maxTime")]
    public long MaxTimeMs { get; init; }

    /// <summary>Counts of what the block holds.</summary>
    [JsonPropertyName("stats")]
    public BlockStats Stats { get; init; } = new();

    /// <summary>How the block was made.</summary>
    [JsonPropertyName("compaction")]
    public BlockCompaction Compaction { get; init; } = new();

    /// <summary>The meta format version; 1.</summary>
    [JsonPropertyName("version")]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Serialises as upstream does: tab-indented JSON.</summary>
    /// <returns>The UTF-8 bytes.</returns>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, BlockMetaJsonContext.Default.BlockMeta);

    /// <summary>Parses a meta file's content.</summary>
    /// <param name="json">The UTF-8 bytes.</param>
    /// <returns>The meta.</returns>
    /// <exception cref="InvalidDataException">Malformed, or not version 1.</exception>
    public static BlockMeta Parse(ReadOnlySpan<byte> json)
    {
        BlockMeta? meta;
        try
        {
            meta = JsonSerializer.Deserialize(json, BlockMetaJsonContext.Default.BlockMeta);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"malformed block meta: {e.Message}", e);
        }

        if (meta is null)
        {
            throw new InvalidDataException("block meta is null");
        }

        if (meta.Version != CurrentVersion)
        {
            throw new InvalidDataException($"unexpected block meta version {meta.Version}");
        }

        return meta;
    }
}
