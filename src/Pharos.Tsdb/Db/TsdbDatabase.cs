using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Storage;
using Pharos.Tsdb.Block;
using Pharos.Tsdb.Wal;
using IQueryable = Pharos.Storage.IQueryable;

namespace Pharos.Tsdb.Db;

/// <summary>
/// A TSDB data directory (Prometheus <c>tsdb.DB</c>): persisted blocks, the head rebuilt from <c>wal/</c> at open,
/// head compaction into blocks, level compaction, retention, deletions and snapshots. Every commit is written to the
/// WAL before it becomes visible. Queriers merge the blocks overlapping their range with the head.
/// <see cref="Dispose"/> is the graceful shutdown: it waits for running maintenance, flushes and fsyncs the WAL and
/// releases the lock. Thread-safe.
/// </summary>
/// <remarks>
/// Not yet here (see issue 3): loading <c>chunks_head/</c> (the head is rebuilt from the WAL alone, which holds every
/// sample since the last checkpoint), native histograms in blocks and the out-of-order window.
/// </remarks>
public sealed partial class TsdbDatabase : IAppendable, IQueryable, IDisposable
{
    private readonly DirectoryLock? _lock;
    private readonly WriteAheadLog? _wal;
    private readonly ILogger _logger;
    private readonly Lock _truncateLock = new();
    private readonly long _walCorruptions;
    private long _checkpointsCreated;
    private int _disposed;

    private TsdbDatabase(string directory, TsdbOptions options, DirectoryLock? directoryLock, Head.Head head, WriteAheadLog? wal, WalReplayResult replay, ILogger logger)
    {
        Directory = directory;
        Options = options;
        _lock = directoryLock;
        Head = head;
        _wal = wal;
        Replay = replay;
        _logger = logger;
        _walCorruptions = replay.Corruption is null ? 0 : 1;
    }

    /// <summary>The data directory.</summary>
    public string Directory { get; }

    /// <summary>The settings the database was opened with.</summary>
    public TsdbOptions Options { get; }

    /// <summary>Whether the database was opened with <see cref="OpenReadOnly"/>: no lock, no writes, no appenders.</summary>
    public bool ReadOnly => _wal is null;

    /// <summary>The WAL directory, <c>&lt;data&gt;/wal</c>.</summary>
    public string WalDirectory => Path.Combine(Directory, "wal");

    /// <summary>The head; owned by this database.</summary>
    public Head.Head Head { get; }

    /// <summary>What the replay at open read, and the corruption it repaired if any.</summary>
    public WalReplayResult Replay { get; }

    /// <summary><c>prometheus_tsdb_wal_corruptions_total</c>: WAL corruptions found (and repaired) since open.</summary>
    public long WalCorruptionsTotal => _walCorruptions;

    /// <summary><c>prometheus_tsdb_checkpoint_creations_total</c>.</summary>
    public long CheckpointCreationsTotal => Interlocked.Read(ref _checkpointsCreated);

    /// <summary>
    /// Opens a data directory for reading and writing, creating it and its <c>wal/</c> and <c>chunks_head/</c> when
    /// missing: takes the lock (unless <see cref="TsdbOptions.NoLockfile"/>), removes leftover temporary block
    /// directories, loads every block (skipping damaged ones with a log line naming them), and replays the WAL
    /// (repairing a corrupt tail).
    /// </summary>
    /// <param name="directory">The data directory (<c>--storage.tsdb.path</c>).</param>
    /// <param name="options">Settings; Prometheus's defaults when null.</param>
    /// <param name="logger">Receives replay progress, repairs, skipped blocks and compactions; null for none.</param>
    /// <param name="progress">Receives the replay's progress while this call runs (for readiness); null for none.</param>
    /// <returns>The open database; dispose it to shut down.</returns>
    /// <exception cref="IOException">The directory is locked by another open database, or cannot be read.</exception>
    public static TsdbDatabase Open(string directory, TsdbOptions? options = null, ILogger? logger = null, WalReplayProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        options ??= new TsdbOptions();
        logger ??= NullLogger.Instance;
        directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(directory);
        var directoryLock = options.NoLockfile ? null : DirectoryLock.Acquire(directory);
        BlockSet? blocks = null;
        try
        {
            var walDirectory = Path.Combine(directory, "wal");
            System.IO.Directory.CreateDirectory(walDirectory);
            System.IO.Directory.CreateDirectory(Path.Combine(directory, "chunks_head"));
            RemoveTemporaryDirectories(directory, logger);
            blocks = BlockSet.Load(directory, logger, deleteObsolete: true);
            var head = NewHead(options, blocks);
            var replay = head.Replay(walDirectory, logger, progress);
            var wal = WriteAheadLog.Open(walDirectory, options.Wal with { Compression = options.WalCompression ? WalCompression.Snappy : WalCompression.None });
            head.AttachWal(wal);
            var db = new TsdbDatabase(directory, options, directoryLock, head, wal, replay, logger)
            {
                _blocks = blocks,
                _reloadFailures = blocks.Failures,
            };
            progress?.Finish();
            return db;
        }
        catch
        {
            blocks?.Release();
            directoryLock?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a data directory for reading only (as <c>promtool tsdb</c> does): no lock is taken and nothing is
    /// written, created or repaired. Blocks are loaded (damaged ones skipped and logged) and the WAL is replayed into
    /// an in-memory head, stopping at a corruption. Appending, compaction, deletion and retention are refused.
    /// </summary>
    /// <param name="directory">The data directory.</param>
    /// <param name="options">Settings; Prometheus's defaults when null.</param>
    /// <param name="logger">Receives replay progress and skipped blocks; null for none.</param>
    /// <returns>The database; dispose it to close the block files.</returns>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static TsdbDatabase OpenReadOnly(string directory, TsdbOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        options ??= new TsdbOptions();
        logger ??= NullLogger.Instance;
        directory = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"TSDB directory {directory} does not exist");
        }

        var blocks = BlockSet.Load(directory, logger, deleteObsolete: false);
        try
        {
            var head = NewHead(options, blocks);
            var replay = head.Replay(Path.Combine(directory, "wal"), logger, progress: null, repair: false);
            return new TsdbDatabase(directory, options, null, head, null, replay, logger)
            {
                _blocks = blocks,
                _reloadFailures = blocks.Failures,
            };
        }
        catch
        {
            blocks.Release();
            throw;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The database is read-only.</exception>
    public IAppender CreateAppender()
    {
        ThrowIfDisposed();
        ThrowIfReadOnly();
        return Head.CreateAppender();
    }

    /// <summary>
    /// Creates a querier over [<paramref name="minTimeMs"/>, <paramref name="maxTimeMs"/>] merging the blocks that
    /// overlap the range and the head: series are merged in label order and samples with equal timestamps appear
    /// once; tombstoned samples are hidden. The blocks it reads stay open until the querier is disposed, even if
    /// compaction or retention removes them meanwhile, and head compaction waits for it before truncating the head
    /// (as upstream waits for pending readers), so dispose queriers promptly.
    /// </summary>
    /// <param name="minTimeMs">The range start, inclusive.</param>
    /// <param name="maxTimeMs">The range end, inclusive.</param>
    /// <returns>The querier, owned by the caller.</returns>
    public IQuerier CreateQuerier(long minTimeMs, long maxTimeMs)
    {
        ThrowIfDisposed();

        // The head reader is registered before the blocks are taken: a head compaction either sees this reader and
        // waits for it before truncating, or has already loaded its new block, which the querier then reads.
        var headQuerier = new HeadReaderQuerier(this, Head.CreateQuerier(minTimeMs, maxTimeMs), minTimeMs);
        var queriers = new List<IQuerier>();
        foreach (var lease in AcquireBlocks(minTimeMs, maxTimeMs))
        {
            queriers.Add(new LeasedQuerier(lease.Block.CreateQuerier(minTimeMs, maxTimeMs), lease));
        }

        queriers.Add(headQuerier);
        return new MergeQuerier(queriers);
    }

    /// <summary>
    /// Truncates the head below <paramref name="minTimeMs"/> and checkpoints the older two thirds of the WAL
    /// segments (never the one being written), as upstream's head truncation does: the checkpoint keeps the series
    /// still in the head and the samples at or after <paramref name="minTimeMs"/>, and the segments it covers are
    /// deleted.
    /// </summary>
    /// <param name="minTimeMs">The new lower bound of the head.</param>
    /// <returns>The checkpoint written, or null when there were too few segments.</returns>
    public string? Truncate(long minTimeMs)
    {
        ThrowIfDisposed();
        ThrowIfReadOnly();
        lock (_truncateLock)
        {
            Head.Truncate(minTimeMs);
            var segments = WalFormat.ListSegments(WalDirectory);
            if (segments.Count == 0)
            {
                return null;
            }

            var first = segments[0].Index;
            var last = _wal!.CurrentSegment - 1;
            if (last < first)
            {
                return null;
            }

            last = first + ((last - first) * 2 / 3);
            var head = Head;
            var checkpoint = WalCheckpoint.Create(WalDirectory, first, last, r => head.GetByRef(r) is not null, minTimeMs);
            _wal.Truncate(last + 1);
            WalCheckpoint.DeleteBefore(WalDirectory, last);
            Interlocked.Increment(ref _checkpointsCreated);
            _logger.LogInformation("WAL checkpoint complete: first={First} last={Last} checkpoint={Checkpoint}", first, last, checkpoint);
            return checkpoint;
        }
    }

    /// <summary>
    /// Graceful shutdown: stops the maintenance loop and waits for a running compaction, stops logging commits,
    /// flushes and fsyncs the WAL, closes the blocks (once no querier reads them) and releases the lock.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        StopMaintenance();
        lock (_maintenanceLock)
        {
            Head.AttachWal(null);
            _wal?.Dispose();
            ReplaceBlocks(BlockSet.Empty).Release();
            _lock?.Dispose();
        }
    }

    private static Head.Head NewHead(TsdbOptions options, BlockSet blocks)
    {
        var head = new Head.Head(options.Head with { ChunkRangeMs = (long)options.MinBlockDuration.TotalMilliseconds, TimeProvider = options.TimeProvider });

        // As upstream: data already persisted in blocks is out of bounds for the head (and skipped at replay).
        if (blocks.MaxTimeMs != long.MinValue)
        {
            head.Truncate(blocks.MaxTimeMs);
        }

        return head;
    }

    private static void RemoveTemporaryDirectories(string directory, ILogger logger)
    {
        foreach (var sub in System.IO.Directory.EnumerateDirectories(directory))
        {
            var name = Path.GetFileName(sub);
            if (name.EndsWith(".tmp", StringComparison.Ordinal) || name.EndsWith(BlockWriter.TempSuffix, StringComparison.Ordinal) || name.EndsWith(".tmp-for-deletion", StringComparison.Ordinal))
            {
                logger.LogInformation("Removing leftover temporary directory {Directory}", sub);
                System.IO.Directory.Delete(sub, recursive: true);
            }
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private void ThrowIfReadOnly()
    {
        if (ReadOnly)
        {
            throw new InvalidOperationException($"The TSDB at {Directory} is open read-only.");
        }
    }
}
