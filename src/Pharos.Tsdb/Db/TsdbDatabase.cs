using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Storage;
using Pharos.Tsdb.Wal;
using IQueryable = Pharos.Storage.IQueryable;

namespace Pharos.Tsdb.Db;

/// <summary>
/// A TSDB data directory opened for reading and writing (Prometheus <c>tsdb.DB</c>): an exclusive <c>lock</c>
/// file, the head rebuilt from <c>wal/</c> at open, and every commit written to the WAL before it becomes
/// visible. <see cref="Dispose"/> is the graceful shutdown: the WAL is flushed and fsynced and the lock released.
/// Appenders and queriers are those of the <see cref="Head"/>. Thread-safe.
/// </summary>
/// <remarks>
/// Not yet here (see issue 3): persisted blocks (a directory's blocks are skipped with a log line) and loading
/// <c>chunks_head/</c>; the head is rebuilt from the WAL alone, which holds every sample since the last checkpoint.
/// </remarks>
public sealed class TsdbDatabase : IAppendable, IQueryable, IDisposable
{
    private readonly DirectoryLock _lock;
    private readonly WriteAheadLog _wal;
    private readonly ILogger _logger;
    private readonly Lock _truncateLock = new();
    private readonly long _walCorruptions;
    private long _checkpointsCreated;
    private int _disposed;

    private TsdbDatabase(string directory, DirectoryLock directoryLock, Head.Head head, WriteAheadLog wal, WalReplayResult replay, ILogger logger)
    {
        Directory = directory;
        _lock = directoryLock;
        Head = head;
        _wal = wal;
        Replay = replay;
        _logger = logger;
        _walCorruptions = replay.Corruption is null ? 0 : 1;
    }

    /// <summary>The data directory.</summary>
    public string Directory { get; }

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
    /// Opens a data directory, creating it and its <c>wal/</c> and <c>chunks_head/</c> when missing, takes the lock,
    /// and replays the WAL (repairing a corrupt tail).
    /// </summary>
    /// <param name="directory">The data directory (<c>--storage.tsdb.path</c>).</param>
    /// <param name="options">Settings; Prometheus's defaults when null.</param>
    /// <param name="logger">Receives replay progress and repairs; null for none.</param>
    /// <returns>The open database; dispose it to shut down.</returns>
    /// <exception cref="IOException">The directory is locked by another open database, or cannot be read.</exception>
    public static TsdbDatabase Open(string directory, TsdbOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        options ??= new TsdbOptions();
        logger ??= NullLogger.Instance;
        directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(directory);
        var directoryLock = DirectoryLock.Acquire(directory);
        try
        {
            var walDirectory = Path.Combine(directory, "wal");
            System.IO.Directory.CreateDirectory(walDirectory);
            System.IO.Directory.CreateDirectory(Path.Combine(directory, "chunks_head"));
            ReportUnreadFiles(directory, logger);

            var head = new Head.Head(options.Head);
            var replay = head.Replay(walDirectory, logger);
            var wal = WriteAheadLog.Open(walDirectory, options.Wal);
            head.AttachWal(wal);
            return new TsdbDatabase(directory, directoryLock, head, wal, replay, logger);
        }
        catch
        {
            directoryLock.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public IAppender CreateAppender()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return Head.CreateAppender();
    }

    /// <inheritdoc/>
    public IQuerier CreateQuerier(long minTimeMs, long maxTimeMs)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return Head.CreateQuerier(minTimeMs, maxTimeMs);
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
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        lock (_truncateLock)
        {
            Head.Truncate(minTimeMs);
            var segments = WalFormat.ListSegments(WalDirectory);
            if (segments.Count == 0)
            {
                return null;
            }

            var first = segments[0].Index;
            var last = _wal.CurrentSegment - 1;
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

    /// <summary>Graceful shutdown: stops logging commits, flushes and fsyncs the WAL, and releases the lock.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Head.AttachWal(null);
        _wal.Dispose();
        _lock.Dispose();
    }

    private static void ReportUnreadFiles(string directory, ILogger logger)
    {
        foreach (var sub in System.IO.Directory.EnumerateDirectories(directory))
        {
            if (File.Exists(Path.Combine(sub, "meta.json")))
            {
                logger.LogWarning("Skipping block {Block}: persisted blocks are not read yet", sub);
            }
        }

        var headChunks = System.IO.Directory.EnumerateFiles(Path.Combine(directory, "chunks_head")).Count();
        if (headChunks > 0)
        {
            logger.LogInformation(
                "Not loading {Files} head chunk files from chunks_head/; the head is rebuilt from the WAL", headChunks);
        }
    }
}
