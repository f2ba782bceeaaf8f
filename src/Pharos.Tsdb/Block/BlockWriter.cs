using System.Runtime.InteropServices;
using Pharos.Model;
using Pharos.Tsdb.Chunks;
using Pharos.Tsdb.Index;
using Pharos.Tsdb.Tombstones;

namespace Pharos.Tsdb.Block;

/// <summary>
/// Persists a time range of the <see cref="Head.Head"/> as a block directory (Prometheus's
/// <c>LeveledCompactor.Write</c> for the head): <c>chunks/000001…</c>, <c>index</c>, an empty <c>tombstones</c> and
/// <c>meta.json</c>, written under <c>&lt;ulid&gt;.tmp-for-creation</c> and renamed to <c>&lt;ulid&gt;</c> only when
/// complete, so a crash never leaves a half-written block under a block's name. Thread-safe with respect to concurrent
/// appends (each series is copied under its lock).
/// </summary>
public static class BlockWriter
{
    /// <summary>The suffix of a block directory still being written.</summary>
    public const string TempSuffix = ".tmp-for-creation";

    /// <summary>Writes the samples of <paramref name="head"/> in [<paramref name="minTimeMs"/>, <paramref name="maxTimeMs"/>).</summary>
    /// <param name="head">The head to read.</param>
    /// <param name="parentDirectory">The data directory receiving the block.</param>
    /// <param name="minTimeMs">The range start, inclusive.</param>
    /// <param name="maxTimeMs">The range end, exclusive (the block's <c>maxTime</c>).</param>
    /// <param name="timeProvider">The clock for the ULID; the system clock by default.</param>
    /// <returns>The new block's meta, or null when the range holds no samples (no block is written, as upstream).</returns>
    public static BlockMeta? Write(Head.Head head, string parentDirectory, long minTimeMs, long maxTimeMs, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(parentDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxTimeMs, minTimeMs);
        var series = CollectSeries(head, minTimeMs, maxTimeMs - 1);
        if (series.Count == 0)
        {
            return null;
        }

        var ulid = Ulid.NewUlid((timeProvider ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds()).ToString();
        return WriteSeries(series, parentDirectory, ulid, minTimeMs, maxTimeMs);
    }

    /// <summary>Writes a block from series already sorted by labels, each with its chunks in time order.</summary>
    /// <param name="series">The series and chunks (with <see cref="ChunkMeta.Chunk"/> set).</param>
    /// <param name="parentDirectory">The data directory receiving the block.</param>
    /// <param name="ulid">The block's ULID.</param>
    /// <param name="minTimeMs">The block's minimum time, inclusive.</param>
    /// <param name="maxTimeMs">The block's maximum time, exclusive.</param>
    /// <param name="compaction">The compaction history; a level-1 block of itself when null.</param>
    /// <returns>The block's meta.</returns>
    internal static BlockMeta WriteSeries(List<(Labels Labels, List<ChunkMeta> Chunks)> series, string parentDirectory, string ulid, long minTimeMs, long maxTimeMs, BlockCompaction? compaction = null)
    {
        var final = Path.Combine(parentDirectory, ulid);
        var temp = final + TempSuffix;
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }

        Directory.CreateDirectory(temp);
        try
        {
            ulong samples = 0, chunkCount = 0;
            using (var chunkWriter = new ChunkWriter(Path.Combine(temp, "chunks")))
            {
                foreach (var (_, chunks) in series)
                {
                    chunkWriter.WriteChunks(CollectionsMarshal.AsSpan(chunks));
                    foreach (var c in chunks)
                    {
                        samples += (ulong)c.Chunk!.NumSamples;
                    }

                    chunkCount += (ulong)chunks.Count;
                }
            }

            WriteIndex(Path.Combine(temp, IndexFormat.FileName), series);
            TombstoneFile.Write(Path.Combine(temp, TombstoneFile.FileName), new Dictionary<ulong, IReadOnlyList<TombstoneInterval>>());
            var meta = new BlockMeta
            {
                Ulid = ulid,
                MinTimeMs = minTimeMs,
                MaxTimeMs = maxTimeMs,
                Stats = new BlockStats { NumSamples = samples, NumSeries = (ulong)series.Count, NumChunks = chunkCount },
                Compaction = compaction ?? new BlockCompaction { Level = 1, Sources = [ulid] },
            };
            using (var file = new FileStream(Path.Combine(temp, BlockMeta.FileName), FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(meta.ToJson());
                file.Flush(flushToDisk: true);
            }

            // As upstream: the block's files are synced as written, then the temporary directory itself, then the
            // rename is made durable by syncing the parent.
            NativeFileSystem.Sync(Path.Combine(temp, "chunks"));
            NativeFileSystem.Sync(temp);
            Directory.Move(temp, final);
            NativeFileSystem.Sync(parentDirectory);
            return meta;
        }
        catch
        {
            Directory.Delete(temp, recursive: true);
            throw;
        }
    }

    private static void WriteIndex(string path, List<(Labels Labels, List<ChunkMeta> Chunks)> series)
    {
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (labels, _) in series)
        {
            foreach (var label in labels.Span)
            {
                symbols.Add(label.Name);
                symbols.Add(label.Value);
            }
        }

        var sorted = symbols.ToArray();
        Array.Sort(sorted, Utf8ByteOrder.Instance);
        using var writer = new IndexWriter(path);
        foreach (var symbol in sorted)
        {
            writer.AddSymbol(symbol);
        }

        foreach (var (labels, chunks) in series)
        {
            writer.AddSeries(labels, CollectionsMarshal.AsSpan(chunks));
        }

        writer.Finish();
    }

    /// <summary>Copies every series' chunks in [min, max] (both inclusive), sorted by labels.</summary>
    private static List<(Labels, List<ChunkMeta>)> CollectSeries(Head.Head head, long minTimeMs, long maxTimeMs)
    {
        var result = new List<(Labels, List<ChunkMeta>)>();
        var tombstones = head.Tombstones;
        var postings = head.Postings.AllPostings();
        while (postings.Next())
        {
            if (head.GetByRef(postings.At) is not { } s)
            {
                continue;
            }

            Head.ChunkSnapshot[] snapshots;
            lock (s.Lock)
            {
                if (s.Deleted)
                {
                    continue;
                }

                snapshots = s.Snapshot(minTimeMs, maxTimeMs);
            }

            var chunks = new List<ChunkMeta>(snapshots.Length);
            tombstones.TryGetValue(s.Ref, out var deleted);
            foreach (var snapshot in snapshots)
            {
                AddChunk(snapshot, minTimeMs, maxTimeMs, deleted, head.Options.SamplesPerChunk, chunks);
            }

            if (chunks.Count > 0)
            {
                result.Add((s.Labels, chunks));
            }
        }

        result.Sort(static (a, b) => a.Item1.CompareTo(b.Item1));
        return result;
    }

    /// <summary>
    /// Adds a chunk as it is when it lies inside the range and no deletion touches it; otherwise re-encodes the
    /// samples inside the range that are not deleted (a chunk straddling the block boundary, or tombstoned samples), as
    /// upstream trims head chunks when it cuts a block.
    /// </summary>
    private static void AddChunk(Head.ChunkSnapshot snapshot, long minTimeMs, long maxTimeMs, List<TombstoneInterval>? deleted, int samplesPerChunk, List<ChunkMeta> chunks)
    {
        var touched = deleted is not null && deleted.Exists(d => d.MinTimeMs <= snapshot.MaxTimeMs && d.MaxTimeMs >= snapshot.MinTimeMs);
        if (!touched && snapshot.MinTimeMs >= minTimeMs && snapshot.MaxTimeMs <= maxTimeMs)
        {
            chunks.Add(new ChunkMeta(default, snapshot.MinTimeMs, snapshot.MaxTimeMs, XorChunk.FromBytes(snapshot.Bytes.Span)));
            return;
        }

        var it = new XorIterator(snapshot.Bytes);
        var recoder = new ChunkRecoder(samplesPerChunk, chunks);
        while (it.Next() != ChunkValueType.None)
        {
            var (t, v) = it.At();
            if (t < minTimeMs || (touched && deleted!.Exists(d => d.Contains(t))))
            {
                continue;
            }

            if (t > maxTimeMs)
            {
                break;
            }

            recoder.Append(t, v);
        }

        if (it.Error is { } error)
        {
            throw new InvalidDataException($"head chunk does not decode: {error.Message}", error);
        }

        recoder.Finish();
    }
}
