using Microsoft.Extensions.Logging;
using Pharos.Tsdb.Block;

namespace Pharos.Tsdb.Db;

public sealed partial class TsdbDatabase
{
    // Upper bound on compactions per maintenance run, so a planning bug cannot spin forever.
    private const int MaxCompactionsPerRun = 64;

    private static readonly TimeSpan HeadReaderWait = TimeSpan.FromMinutes(2);

    // Serialises compaction, retention, deletion, snapshots and shutdown (upstream's cmtx).
    private readonly Lock _maintenanceLock = new();
    private ITimer? _timer;
    private long _compactions;
    private long _compactionsFailed;
    private long _compactionsTriggered;

    /// <summary>
    /// Starts the background maintenance loop: every <see cref="TsdbOptions.MaintenanceInterval"/> (one minute, as
    /// upstream) on <see cref="TsdbOptions.TimeProvider"/>, <see cref="RunMaintenance"/> runs. A no-op when already
    /// started. <see cref="Dispose"/> stops it and waits for a run in progress.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database is read-only.</exception>
    public void Start()
    {
        ThrowIfDisposed();
        ThrowIfReadOnly();
        lock (_maintenanceLock)
        {
            _timer ??= Options.TimeProvider.CreateTimer(
                static state => ((TsdbDatabase)state!).RunMaintenanceLogged(),
                this,
                Options.MaintenanceInterval,
                Options.MaintenanceInterval);
        }
    }

    /// <summary>
    /// One maintenance pass (Prometheus <c>DB.Compact</c> followed by retention): cuts the head into blocks while it
    /// spans more than 1.5 block ranges, truncating the head and checkpointing the WAL after each block; then merges
    /// blocks as the level planner says; then deletes blocks beyond the time and size retention.
    /// </summary>
    /// <returns>The number of blocks written.</returns>
    /// <exception cref="InvalidOperationException">The database is read-only.</exception>
    /// <exception cref="IOException">A block could not be written; what was written before stays.</exception>
    public int RunMaintenance()
    {
        ThrowIfDisposed();
        ThrowIfReadOnly();
        lock (_maintenanceLock)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return 0;
            }

            Interlocked.Increment(ref _compactionsTriggered);
            var written = CompactHead();
            written += CompactBlocks();
            ApplyRetention();
            return written;
        }
    }

    private void StopMaintenance()
    {
        ITimer? timer;
        lock (_maintenanceLock)
        {
            timer = _timer;
            _timer = null;
        }

        timer?.Dispose();
    }

    private void RunMaintenanceLogged()
    {
        try
        {
            RunMaintenance();
        }
        catch (ObjectDisposedException)
        {
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            _logger.LogError(e, "Compaction failed");
        }
    }

    /// <summary>Cuts the oldest block range of the head into a block while the head spans more than 1.5 ranges.</summary>
    private int CompactHead()
    {
        var rangeMs = (long)Options.MinBlockDuration.TotalMilliseconds;
        var written = 0;
        for (var i = 0; i < MaxCompactionsPerRun; i++)
        {
            var min = Head.MinTimeMs;
            var max = Head.MaxTimeMs;
            if (min == long.MaxValue || max - min <= rangeMs / 2 * 3)
            {
                break;
            }

            var end = CompactionPlanner.AlignDown(min, rangeMs) + rangeMs;
            BlockMeta? meta;
            try
            {
                meta = BlockWriter.Write(Head, Directory, min, end, Options.TimeProvider);
            }
            catch
            {
                Interlocked.Increment(ref _compactionsFailed);
                throw;
            }

            if (meta is not null)
            {
                written++;
                Interlocked.Increment(ref _compactions);
                _logger.LogInformation("write block: mint={MinTime} maxt={MaxTime} ulid={Ulid}", meta.MinTimeMs, meta.MaxTimeMs, meta.Ulid);
                Reload();
            }

            // The block is visible to new queriers before the head lets go of the same samples; queriers created
            // earlier may not know the block, so they finish first.
            WaitForHeadReaders(end);
            Truncate(end);
        }

        return written;
    }

    /// <summary>
    /// Waits until no open head querier starts before <paramref name="truncateBeforeMs"/> (upstream's
    /// <c>WaitForPendingReadersInTimeRange</c>). Bounded: after <see cref="HeadReaderWait"/> the head is truncated
    /// anyway, with a warning, so a leaked querier cannot stop compaction for good.
    /// </summary>
    private void WaitForHeadReaders(long truncateBeforeMs)
    {
        var deadline = DateTime.UtcNow + HeadReaderWait;
        lock (_headReaders)
        {
            while (_headReaders.Values.Any(min => min < truncateBeforeMs))
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    _logger.LogWarning("Truncating the head while {Count} queriers are still open; they may miss samples", _headReaders.Count);
                    return;
                }

                Monitor.Wait(_headReaders, left);
            }
        }
    }

    /// <summary>Merges blocks as <see cref="CompactionPlanner"/> says until it finds nothing more to do.</summary>
    private int CompactBlocks()
    {
        var ranges = Options.BlockRangesMs();
        var written = 0;
        for (var i = 0; i < MaxCompactionsPerRun; i++)
        {
            var plan = CompactionPlanner.Plan(Blocks(), ranges);
            if (plan.Count == 0)
            {
                break;
            }

            var ulids = plan.Select(m => m.Ulid).ToHashSet(StringComparer.Ordinal);
            var leases = AcquireBlocks(long.MinValue, long.MaxValue).Where(l => ulids.Contains(l.Block.Meta.Ulid)).ToList();
            try
            {
                var ulid = Ulid.NewUlid(Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds()).ToString();
                var meta = BlockCompactor.Compact(leases.Select(l => l.Block).ToArray(), Directory, ulid, Head.Options.SamplesPerChunk);
                Interlocked.Increment(ref _compactions);
                if (meta is null)
                {
                    // Everything was deleted: the parents go without a successor.
                    RemoveBlocks(ulids);
                }
                else
                {
                    written++;
                    _logger.LogInformation(
                        "compact blocks: count={Count} mint={MinTime} maxt={MaxTime} ulid={Ulid} sources={Sources}",
                        plan.Count,
                        meta.MinTimeMs,
                        meta.MaxTimeMs,
                        meta.Ulid,
                        string.Join(",", ulids));
                    Reload();
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Interlocked.Increment(ref _compactionsFailed);
                _logger.LogError(e, "Compacting blocks {Blocks} failed", string.Join(",", ulids));
                break;
            }
            finally
            {
                foreach (var lease in leases)
                {
                    lease.Release();
                }
            }
        }

        return written;
    }

    /// <summary>Drops blocks from the set and deletes their directories once no querier reads them.</summary>
    private void RemoveBlocks(IReadOnlySet<string> ulids)
    {
        List<LoadedBlock> removed;
        lock (_blocksLock)
        {
            removed = _blocks.Blocks.Where(b => ulids.Contains(b.Block.Meta.Ulid)).ToList();
            _blocks = new BlockSet(_blocks.Blocks.Where(b => !ulids.Contains(b.Block.Meta.Ulid)).ToArray());
        }

        foreach (var b in removed)
        {
            b.MarkForDeletion();
            b.Release();
        }
    }
}
