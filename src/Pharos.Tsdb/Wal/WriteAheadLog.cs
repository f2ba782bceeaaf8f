using System.Diagnostics;

namespace Pharos.Tsdb.Wal;

/// <summary>
/// Appends records to a Prometheus-format write-ahead log (Prometheus <c>wlog.WL</c>). Opening always starts a new
/// segment after the last existing one, so a torn tail is never appended to. A record is split into fragments that
/// never cross a 32 KiB page, and a record never crosses a segment: when it does not fit the rest of the segment a new
/// segment is started. Thread-safe: calls are serialised.
/// </summary>
public sealed partial class WriteAheadLog : IDisposable
{
    private readonly Lock _lock = new();
    private readonly WalOptions _options;
    private readonly byte[] _page = new byte[WalFormat.PageSize];
    private FileStream? _segment;
    private int _segmentIndex;

    // Bytes used in the page buffer and how many of them are already written to the file.
    private int _alloc;
    private int _flushed;

    // Completed (padded and written) pages of the open segment.
    private int _donePages;
    private bool _disposed;

    private WriteAheadLog(string directory, WalOptions options)
    {
        Directory = directory;
        _options = options;
    }

    /// <summary>The WAL directory.</summary>
    public string Directory { get; }

    /// <summary>The index of the segment being written.</summary>
    public int CurrentSegment
    {
        get
        {
            lock (_lock)
            {
                return _segmentIndex;
            }
        }
    }

    /// <summary>Opens (creating if needed) a WAL directory and starts a new segment after the last one.</summary>
    /// <param name="directory">The WAL directory, usually <c>&lt;data&gt;/wal</c>.</param>
    /// <param name="options">Settings; defaults as upstream when null.</param>
    /// <returns>The writer.</returns>
    public static WriteAheadLog Open(string directory, WalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        options ??= new WalOptions();
        if (options.SegmentSizeBytes % WalFormat.PageSize != 0 || options.SegmentSizeBytes < WalFormat.PageSize)
        {
            throw new ArgumentException(
                $"Segment size {options.SegmentSizeBytes} must be a positive multiple of {WalFormat.PageSize}.", nameof(options));
        }

        System.IO.Directory.CreateDirectory(directory);
        var segments = WalFormat.ListSegments(directory);
        var wal = new WriteAheadLog(directory, options);
        wal.CreateSegment(segments.Count == 0 ? 0 : segments[^1].Index + 1);
        return wal;
    }

    /// <summary>Fsyncs the open segment (what has been logged so far is then durable).</summary>
    public void Sync()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SyncLocked();
        }
    }

    /// <summary>Completes the open segment and starts the next one (upstream calls this before a checkpoint).</summary>
    /// <returns>The index of the new segment.</returns>
    public int NextSegment()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            NextSegmentLocked();
            return _segmentIndex;
        }
    }

    /// <summary>Deletes the segments with an index below <paramref name="index"/> (after a checkpoint covers them).</summary>
    /// <param name="index">The first segment to keep.</param>
    public void Truncate(int index)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var (segment, path) in WalFormat.ListSegments(Directory))
            {
                if (segment >= index || segment == _segmentIndex)
                {
                    break;
                }

                File.Delete(path);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_segment is null)
            {
                return;
            }

            // Like upstream on close: write out the partial page without padding it, then sync.
            FlushPage(clear: false);
            SyncLocked();
            _segment.Dispose();
            _segment = null;
        }
    }

    private void CreateSegment(int index)
    {
        var path = Path.Combine(Directory, WalFormat.SegmentName(index));
        _segment = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);
        _segmentIndex = index;
        _donePages = 0;
        _alloc = 0;
        _flushed = 0;
    }

    private void NextSegmentLocked()
    {
        if (_alloc > 0)
        {
            FlushPage(clear: true);
        }

        var completed = _segmentIndex;
        SyncLocked();
        _segment!.Dispose();
        CreateSegment(completed + 1);
        _options.SegmentCompleted?.Invoke(completed);
    }

    private void SyncLocked()
    {
        if (_segment is null)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        _segment.Flush(flushToDisk: true);
        _options.Synced?.Invoke(Stopwatch.GetElapsedTime(started));
    }
}
