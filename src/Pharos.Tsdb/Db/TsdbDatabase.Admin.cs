using Microsoft.Extensions.Logging;
using Pharos.Model;
using Pharos.Tsdb.Block;
using Pharos.Tsdb.Chunks;
using Pharos.Tsdb.Postings;
using Pharos.Tsdb.Tombstones;

namespace Pharos.Tsdb.Db;

public sealed partial class TsdbDatabase
{
    /// <summary>
    /// Deletes the samples in [<paramref name="minTimeMs"/>, <paramref name="maxTimeMs"/>] of the series matching
    /// <paramref name="matchers"/> (Prometheus <c>DB.Delete</c>, behind <c>/api/v1/admin/tsdb/delete_series</c>):
    /// tombstones are added to every overlapping block's <c>tombstones</c> file and to the head (through the WAL).
    /// Queriers created afterwards no longer see the samples; <see cref="CleanTombstones"/> or compaction removes them
    /// from disk.
    /// </summary>
    /// <param name="matchers">The series selection; at least one matcher.</param>
    /// <param name="minTimeMs">The first deleted time, inclusive.</param>
    /// <param name="maxTimeMs">The last deleted time, inclusive.</param>
    /// <exception cref="ArgumentException">No matchers.</exception>
    /// <exception cref="InvalidOperationException">The database is read-only.</exception>
    public void Delete(IReadOnlyList<Matcher> matchers, long minTimeMs, long maxTimeMs)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        if (matchers.Count == 0)
        {
            throw new ArgumentException("At least one matcher is required to delete series.", nameof(matchers));
        }

        ThrowIfDisposed();
        ThrowIfReadOnly();
        var array = matchers.ToArray();
        lock (_maintenanceLock)
        {
            foreach (var lease in AcquireBlocks(minTimeMs, maxTimeMs))
            {
                try
                {
                    AddBlockTombstones(lease.Block, array, minTimeMs, maxTimeMs);
                }
                finally
                {
                    lease.Release();
                }
            }

            Head.Delete(array, minTimeMs, maxTimeMs);
        }
    }

    /// <summary>
    /// Rewrites every block that has tombstones without the deleted samples (Prometheus <c>DB.CleanTombstones</c>);
    /// the old blocks are deleted once no querier reads them.
    /// </summary>
    /// <returns>The number of blocks rewritten.</returns>
    /// <exception cref="InvalidOperationException">The database is read-only.</exception>
    public int CleanTombstones()
    {
        ThrowIfDisposed();
        ThrowIfReadOnly();
        lock (_maintenanceLock)
        {
            var rewritten = 0;
            foreach (var lease in AcquireBlocks(long.MinValue, long.MaxValue))
            {
                try
                {
                    if (lease.Block.Tombstones.Count == 0)
                    {
                        continue;
                    }

                    var ulid = Ulid.NewUlid(Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds()).ToString();
                    var meta = BlockCompactor.Compact([lease.Block], Directory, ulid, Head.Options.SamplesPerChunk);
                    if (meta is null)
                    {
                        RemoveBlocks(new HashSet<string>([lease.Block.Meta.Ulid], StringComparer.Ordinal));
                    }

                    rewritten++;
                }
                finally
                {
                    lease.Release();
                }
            }

            Reload();
            return rewritten;
        }
    }

    /// <summary>
    /// Writes a snapshot of the database into <paramref name="directory"/> (Prometheus <c>DB.Snapshot</c>, behind
    /// <c>/api/v1/admin/tsdb/snapshot</c>): every block as hard links (copies where links are impossible), and, when
    /// <paramref name="withHead"/>, the head's samples as one more block.
    /// </summary>
    /// <param name="directory">The destination, created when missing.</param>
    /// <param name="withHead">Whether to include the data only in the head.</param>
    public void Snapshot(string directory, bool withHead)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ThrowIfDisposed();
        System.IO.Directory.CreateDirectory(directory);
        lock (_maintenanceLock)
        {
            foreach (var lease in AcquireBlocks(long.MinValue, long.MaxValue))
            {
                try
                {
                    LinkTree(lease.Block.Directory, Path.Combine(directory, lease.Block.Meta.Ulid));
                }
                finally
                {
                    lease.Release();
                }
            }

            if (withHead && Head.MinTimeMs != long.MaxValue)
            {
                BlockWriter.Write(Head, directory, Head.MinTimeMs, Head.MaxTimeMs + 1, Options.TimeProvider);
            }
        }

        _logger.LogInformation("Snapshot written: dir={Directory} withHead={WithHead}", directory, withHead);
    }

    private static void LinkTree(string source, string destination)
    {
        System.IO.Directory.CreateDirectory(destination);
        foreach (var file in System.IO.Directory.EnumerateFiles(source))
        {
            var target = Path.Combine(destination, Path.GetFileName(file));
            if (!NativeFileSystem.TryLink(file, target))
            {
                File.Copy(file, target, overwrite: true);
            }
        }

        foreach (var sub in System.IO.Directory.EnumerateDirectories(source))
        {
            LinkTree(sub, Path.Combine(destination, Path.GetFileName(sub)));
        }
    }

    /// <summary>Adds tombstones to one block: rewrites its tombstones file and meta atomically, then reopens it.</summary>
    private void AddBlockTombstones(Block.Block block, Matcher[] matchers, long minTimeMs, long maxTimeMs)
    {
        var interval = new TombstoneInterval(minTimeMs, maxTimeMs);
        var merged = block.Tombstones.ToDictionary(kv => kv.Key, kv => new List<TombstoneInterval>(kv.Value));
        var added = 0;
        var postings = PostingsForMatchers.Select(block.Index, matchers);
        var metas = new List<ChunkMeta>();
        while (postings.Next())
        {
            block.Index.Series(postings.At, metas);
            if (!metas.Exists(m => m.MinTimeMs <= maxTimeMs && m.MaxTimeMs >= minTimeMs))
            {
                continue;
            }

            if (!merged.TryGetValue(postings.At, out var list))
            {
                merged[postings.At] = list = [];
            }

            list.Add(interval);
            added++;
        }

        if (added == 0)
        {
            return;
        }

        var path = Path.Combine(block.Directory, TombstoneFile.FileName);
        TombstoneFile.Write(path + ".tmp", merged.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<TombstoneInterval>)kv.Value));
        File.Move(path + ".tmp", path, overwrite: true);

        var meta = block.Meta with { Stats = block.Meta.Stats with { NumTombstones = (ulong)merged.Values.Sum(l => l.Count) } };
        var metaPath = Path.Combine(block.Directory, BlockMeta.FileName);
        using (var file = new FileStream(metaPath + ".tmp", FileMode.Create, FileAccess.Write))
        {
            file.Write(meta.ToJson());
            file.Flush(flushToDisk: true);
        }

        File.Move(metaPath + ".tmp", metaPath, overwrite: true);
        NativeFileSystem.Sync(block.Directory);
        _logger.LogInformation("Added tombstones to {Series} series of block {Block}", added, block.Meta.Ulid);

        // The reopened block replaces the old one; queriers still reading the old one keep it open.
        var reopened = new LoadedBlock(Block.Block.Open(block.Directory), _logger);
        LoadedBlock? old = null;
        lock (_blocksLock)
        {
            var list = _blocks.Blocks.ToArray();
            for (var i = 0; i < list.Length; i++)
            {
                if (list[i].Block == block)
                {
                    old = list[i];
                    list[i] = reopened;
                }
            }

            _blocks = new BlockSet(list);
        }

        if (old is null)
        {
            reopened.Release();
        }
        else
        {
            old.Release();
        }
    }
}
