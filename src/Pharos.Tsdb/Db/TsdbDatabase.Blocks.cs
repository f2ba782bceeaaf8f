using Pharos.Model;
using Pharos.Storage;
using Pharos.Tsdb.Block;

namespace Pharos.Tsdb.Db;

public sealed partial class TsdbDatabase
{
    private readonly Lock _blocksLock = new();
    private BlockSet _blocks = BlockSet.Empty;
    private long _reloads;
    private long _reloadFailures;

    // Open head queriers and their range start (upstream's pending readers); the lock object is the dictionary.
    private readonly Dictionary<object, long> _headReaders = new(ReferenceEqualityComparer.Instance);

    /// <summary>The metas of the loaded blocks, oldest first.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<BlockMeta> Blocks()
    {
        lock (_blocksLock)
        {
            return _blocks.Blocks.Select(b => b.Block.Meta).ToArray();
        }
    }

    /// <summary>
    /// Re-reads the block directories (Prometheus <c>reloadBlocks</c>): new blocks are opened, blocks already open are
    /// kept, blocks gone from disk or superseded by a compaction are closed once no querier reads them.
    /// </summary>
    public void ReloadBlocks()
    {
        ThrowIfDisposed();
        lock (_maintenanceLock)
        {
            Reload();
        }
    }

    private void Reload()
    {
        Dictionary<string, LoadedBlock> current;
        lock (_blocksLock)
        {
            current = _blocks.Blocks.ToDictionary(b => b.Block.Meta.Ulid, StringComparer.Ordinal);
        }

        var next = BlockSet.Load(Directory, _logger, deleteObsolete: !ReadOnly, current);
        Interlocked.Increment(ref _reloads);
        Interlocked.Add(ref _reloadFailures, next.Failures);
        ReplaceBlocks(next).Release();
    }

    /// <summary>Swaps the block set; returns the old one, whose references the caller releases.</summary>
    private BlockSet ReplaceBlocks(BlockSet next)
    {
        lock (_blocksLock)
        {
            var old = _blocks;
            _blocks = next;
            return old;
        }
    }

    /// <summary>Takes a reference to each loaded block overlapping [min, max].</summary>
    private List<LoadedBlock> AcquireBlocks(long minTimeMs, long maxTimeMs)
    {
        var result = new List<LoadedBlock>();
        lock (_blocksLock)
        {
            foreach (var b in _blocks.Blocks)
            {
                if (b.Block.MinTimeMs <= maxTimeMs && b.Block.MaxTimeMs > minTimeMs && b.TryAcquire())
                {
                    result.Add(b);
                }
            }
        }

        return result;
    }

    /// <summary>A head querier registered as a pending reader from creation to disposal.</summary>
    private sealed class HeadReaderQuerier : IQuerier
    {
        private readonly TsdbDatabase _db;
        private readonly IQuerier _inner;
        private int _disposed;

        public HeadReaderQuerier(TsdbDatabase db, IQuerier inner, long minTimeMs)
        {
            _db = db;
            _inner = inner;
            lock (db._headReaders)
            {
                db._headReaders.Add(this, minTimeMs);
            }
        }

        public ISeriesSet Select(bool sortSeries, SelectHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default) =>
            _inner.Select(sortSeries, hints, matchers, cancellationToken);

        public LabelQueryResult LabelValues(string name, LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default) =>
            _inner.LabelValues(name, hints, matchers, cancellationToken);

        public LabelQueryResult LabelNames(LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default) =>
            _inner.LabelNames(hints, matchers, cancellationToken);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            _inner.Dispose();
            lock (_db._headReaders)
            {
                _db._headReaders.Remove(this);
                Monitor.PulseAll(_db._headReaders);
            }
        }
    }

    /// <summary>A block querier that releases its block reference when disposed.</summary>
    private sealed class LeasedQuerier(IQuerier inner, LoadedBlock lease) : IQuerier
    {
        private int _disposed;

        public ISeriesSet Select(bool sortSeries, SelectHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default) =>
            inner.Select(sortSeries, hints, matchers, cancellationToken);

        public LabelQueryResult LabelValues(string name, LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default) =>
            inner.LabelValues(name, hints, matchers, cancellationToken);

        public LabelQueryResult LabelNames(LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default) =>
            inner.LabelNames(hints, matchers, cancellationToken);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            inner.Dispose();
            lease.Release();
        }
    }
}
