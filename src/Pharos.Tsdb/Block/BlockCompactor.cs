using Pharos.Model;
using Pharos.Storage;
using Pharos.Tsdb.Chunks;
using Pharos.Tsdb.Head;
using Pharos.Tsdb.Tombstones;

namespace Pharos.Tsdb.Block;

/// <summary>
/// Merges persisted blocks into one (Prometheus <c>LeveledCompactor.Compact</c>): series with the same labels are
/// joined, overlapping samples appear once, tombstoned samples are dropped, and the result's meta records its
/// sources, parents and level. Chunks of a series found in one block and untouched by deletions are copied as they
/// are; everything else is re-encoded. Reads every chunk of the inputs into memory before writing.
/// </summary>
public static class BlockCompactor
{
    /// <summary>Merges <paramref name="blocks"/> into a new block under <paramref name="parentDirectory"/>.</summary>
    /// <param name="blocks">The blocks to merge (one block rewrites it, applying its tombstones).</param>
    /// <param name="parentDirectory">The data directory receiving the block.</param>
    /// <param name="ulid">The new block's ULID.</param>
    /// <param name="samplesPerChunk">The target size of re-encoded chunks (120 upstream).</param>
    /// <returns>The new block's meta, or null when nothing is left (every sample deleted): no block is written then.</returns>
    /// <exception cref="InvalidDataException">An input block is damaged; the message names the file.</exception>
    public static BlockMeta? Compact(IReadOnlyList<Block> blocks, string parentDirectory, string ulid, int samplesPerChunk = 120)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(parentDirectory);
        ArgumentOutOfRangeException.ThrowIfZero(blocks.Count);

        var parts = new Dictionary<Labels, List<(ChunkSnapshot[] Chunks, List<TombstoneInterval>? Deleted)>>();
        foreach (var block in blocks)
        {
            ReadBlock(block, parts);
        }

        var labels = parts.Keys.ToArray();
        Array.Sort(labels);
        var series = new List<(Labels, List<ChunkMeta>)>(labels.Length);
        foreach (var l in labels)
        {
            var chunks = MergeSeries(l, parts[l], samplesPerChunk);
            if (chunks.Count > 0)
            {
                series.Add((l, chunks));
            }
        }

        if (series.Count == 0)
        {
            return null;
        }

        var compaction = new BlockCompaction
        {
            Level = blocks.Max(b => b.Meta.Compaction.Level) + 1,
            Sources = blocks.SelectMany(b => b.Meta.Compaction.Sources).Distinct().Order(StringComparer.Ordinal).ToArray(),
            Parents = blocks.Select(b => new BlockDesc { Ulid = b.Meta.Ulid, MinTimeMs = b.MinTimeMs, MaxTimeMs = b.MaxTimeMs }).ToArray(),
        };
        return BlockWriter.WriteSeries(series, parentDirectory, ulid, blocks.Min(b => b.MinTimeMs), blocks.Max(b => b.MaxTimeMs), compaction);
    }

    private static void ReadBlock(Block block, Dictionary<Labels, List<(ChunkSnapshot[] Chunks, List<TombstoneInterval>? Deleted)>> parts)
    {
        var postings = block.Index.AllPostings();
        var metas = new List<ChunkMeta>();
        while (postings.Next())
        {
            var labels = block.Index.Series(postings.At, metas);
            var chunks = new List<ChunkSnapshot>(metas.Count);
            foreach (var meta in metas)
            {
                var (encoding, data) = block.Chunks.ReadRaw(meta.Ref);
                if (encoding == ChunkEncoding.Xor)
                {
                    // NOTE: native histogram chunks are not carried over yet, as the block querier does not read them.
                    chunks.Add(new ChunkSnapshot(data, meta.MinTimeMs, meta.MaxTimeMs));
                }
            }

            if (chunks.Count == 0)
            {
                continue;
            }

            block.Tombstones.TryGetValue(postings.At, out var deleted);
            if (!parts.TryGetValue(labels, out var list))
            {
                parts[labels] = list = [];
            }

            list.Add(([.. chunks], deleted));
        }
    }

    private static List<ChunkMeta> MergeSeries(Labels labels, List<(ChunkSnapshot[] Chunks, List<TombstoneInterval>? Deleted)> parts, int samplesPerChunk)
    {
        var result = new List<ChunkMeta>();
        if (parts.Count == 1 && parts[0].Deleted is null or { Count: 0 })
        {
            foreach (var c in parts[0].Chunks)
            {
                result.Add(new ChunkMeta(default, c.MinTimeMs, c.MaxTimeMs, XorChunk.FromBytes(c.Bytes.Span)));
            }

            return result;
        }

        var sources = new ISeries[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            ISeries s = new HeadSeries(labels, parts[i].Chunks, long.MinValue, long.MaxValue);
            sources[i] = parts[i].Deleted is { Count: > 0 } deleted ? new TombstonedSeries(s, deleted) : s;
        }

        var it = new ChainedSeries(labels, sources).Iterator(null);
        var recoder = new ChunkRecoder(samplesPerChunk, result);
        while (it.Next() == SampleType.Float)
        {
            var (t, v) = it.At();
            recoder.Append(t, v);
        }

        if (it.Error is { } error)
        {
            throw new InvalidDataException($"chunk of {labels} does not decode: {error.Message}", error);
        }

        recoder.Finish();
        return result;
    }
}
