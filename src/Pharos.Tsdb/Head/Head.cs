using Pharos.Model;
using Pharos.Storage;
using Pharos.Tsdb.Postings;
using IQueryable = Pharos.Storage.IQueryable;

namespace Pharos.Tsdb.Head;

/// <summary>
/// The in-memory block of the TSDB (Prometheus's <c>Head</c>): the newest samples of every series in XOR chunks,
/// series striped by label hash, and a postings index for selection. Appends become visible on commit; queriers read
/// committed chunks without blocking appenders for longer than a per-series copy of the head chunk.
/// <see cref="Truncate"/> drops old chunks and garbage-collects series left without any. Thread-safe.
/// </summary>
/// <remarks>
/// Not yet here (see issue 3): memory-mapping of full chunks into <c>chunks_head/</c>, native histograms,
/// the out-of-order window, and isolation between a querier and a batch committing while it reads.
/// </remarks>
public sealed partial class Head : IAppendable, IQueryable
{
    private readonly StripeSeries _hashes;
    private readonly SeriesRefTable _refs = new();
    private readonly MemPostings _postings = new();
    private readonly CircularExemplarStorage? _exemplars;
    private long _lastSeriesRef;
    private long _minTimeMs = long.MaxValue;
    private long _maxTimeMs = long.MinValue;
    private long _minValidTimeMs = long.MinValue;

    /// <summary>Creates an empty head.</summary>
    /// <param name="options">The settings, or null for Prometheus's defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public Head(HeadOptions? options = null)
    {
        Options = options ?? new HeadOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.ChunkRangeMs);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.SamplesPerChunk, 4);
        ArgumentOutOfRangeException.ThrowIfNegative(Options.MaxExemplars);
        _hashes = new StripeSeries(Options.StripeSize);
        if (Options.MaxExemplars > 0)
        {
            _exemplars = new CircularExemplarStorage(Options.MaxExemplars);
        }
    }

    /// <summary>The settings.</summary>
    public HeadOptions Options { get; }

    /// <summary>The self-metrics.</summary>
    public HeadMetrics Metrics { get; } = new();

    /// <summary>The postings index of the head's series.</summary>
    public MemPostings Postings => _postings;

    /// <summary>The oldest committed sample time, or <see cref="long.MaxValue"/> when empty.</summary>
    public long MinTimeMs => Volatile.Read(ref _minTimeMs);

    /// <summary>The newest committed sample time, or <see cref="long.MinValue"/> when empty.</summary>
    public long MaxTimeMs => Volatile.Read(ref _maxTimeMs);

    /// <summary>
    /// Samples older than this are out of bounds; raised by <see cref="Truncate"/> (data before it belongs to
    /// persisted blocks).
    /// </summary>
    public long MinValidTimeMs => Volatile.Read(ref _minValidTimeMs);

    /// <summary>The number of series in the head.</summary>
    public long SeriesCount => Metrics.HeadSeries;

    /// <inheritdoc/>
    public IAppender CreateAppender() => new HeadAppender(this);

    /// <inheritdoc/>
    public IQuerier CreateQuerier(long minTimeMs, long maxTimeMs) => new HeadQuerier(this, minTimeMs, maxTimeMs);

    /// <summary>The committed exemplars of a series, oldest first.</summary>
    /// <param name="labels">The series labels.</param>
    /// <returns>A copy owned by the caller; empty for an unknown series or when exemplars are disabled.</returns>
    public IReadOnlyList<Exemplar> GetExemplars(in Labels labels) =>
        _exemplars is not null && Find(labels) is { } s ? _exemplars.Get(s.Ref) : [];

    /// <summary>The committed metadata of a series.</summary>
    /// <param name="labels">The series labels.</param>
    /// <returns>The latest metadata, or null when none was recorded or the series is unknown.</returns>
    public Metadata? GetMetadata(in Labels labels)
    {
        if (Find(labels) is not { } s)
        {
            return null;
        }

        lock (s.Lock)
        {
            return s.Metadata;
        }
    }

    internal CircularExemplarStorage? Exemplars => _exemplars;

    /// <summary>The oldest timestamp an appender created now accepts (upstream's <c>appendableMinValidTime</c>).</summary>
    internal long AppendableMinValidTimeMs()
    {
        // Half a chunk range behind the newest sample: older data could land in a block that is already cut.
        var maxTime = MaxTimeMs;
        var bound = maxTime == long.MinValue ? long.MinValue : maxTime - (Options.ChunkRangeMs / 2);
        return Math.Max(MinValidTimeMs, bound);
    }

    internal MemSeries? GetByRef(ulong reference) => _refs.Get(reference);

    internal MemSeries? Find(in Labels labels) => _hashes.Get(labels.Hash(), labels);

    /// <summary>Looks a series up by labels, creating and indexing it when new.</summary>
    internal MemSeries GetOrCreate(in Labels labels) => GetOrCreate(labels, out _);

    /// <summary>Looks a series up by labels, creating and indexing it when new; says whether it was created.</summary>
    internal MemSeries GetOrCreate(in Labels labels, out bool created)
    {
        var hash = labels.Hash();
        var series = _hashes.GetOrCreate(hash, labels, static (head, h, l) => head.NewSeries(h, l), this, out created);
        if (created)
        {
            // The ref table first: a querier that finds the reference in the postings must be able to resolve it.
            _refs.Set(series);
            _postings.Add(series.Ref, series.Labels);
            Interlocked.Increment(ref Metrics.Series);
            Interlocked.Increment(ref Metrics.SeriesCreated);
        }

        return series;
    }

    /// <summary>Widens the head's time range after a commit.</summary>
    internal void UpdateMinMaxTime(long minTimeMs, long maxTimeMs)
    {
        var current = Volatile.Read(ref _minTimeMs);
        while (minTimeMs < current)
        {
            var seen = Interlocked.CompareExchange(ref _minTimeMs, minTimeMs, current);
            if (seen == current)
            {
                break;
            }

            current = seen;
        }

        current = Volatile.Read(ref _maxTimeMs);
        while (maxTimeMs > current)
        {
            var seen = Interlocked.CompareExchange(ref _maxTimeMs, maxTimeMs, current);
            if (seen == current)
            {
                break;
            }

            current = seen;
        }
    }

    private MemSeries NewSeries(ulong hash, Labels labels) =>
        new((ulong)Interlocked.Increment(ref _lastSeriesRef), labels, hash);
}
