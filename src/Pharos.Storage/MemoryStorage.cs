using Pharos.Model;

namespace Pharos.Storage;

/// <summary>
/// An in-memory storage for tests of the components above storage (PromQL, scrape, rules, the web API). It behaves
/// like the TSDB head where it is observable: samples are kept sorted per series, out-of-order and duplicate
/// samples are rejected with the same statuses, appends are invisible until committed, and matchers follow
/// Prometheus's selection semantics. Thread-safe: any number of appenders and queriers may run concurrently.
/// </summary>
/// <remarks>
/// Everything lives on the managed heap in plain arrays; nothing is compressed or ever removed. Not meant for
/// production data volumes.
/// </remarks>
public sealed partial class MemoryStorage : IAppendable, IQueryable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Labels, MemSeries> _byLabels = [];
    private readonly List<MemSeries> _series = [];
    private long _maxTimeMs = long.MinValue;
    private long _minValidTimeMs = long.MinValue;

    /// <summary>
    /// How far behind the newest sample of the storage an out-of-order sample may be and still be accepted, in
    /// milliseconds (as <c>storage.tsdb.out_of_order_time_window</c>). 0, the default, rejects every out-of-order
    /// sample with <see cref="AppendStatus.OutOfOrder"/>; otherwise older samples get <see cref="AppendStatus.TooOld"/>.
    /// </summary>
    public long OutOfOrderTimeWindowMs { get; init; }

    /// <summary>Whether native histograms are accepted (default true).</summary>
    public bool EnableNativeHistograms { get; init; } = true;

    /// <summary>Whether exemplars are accepted (default true).</summary>
    public bool EnableExemplars { get; init; } = true;

    /// <summary>
    /// Samples older than this are rejected with <see cref="AppendStatus.OutOfBounds"/> when out-of-order ingestion
    /// is off, as the head rejects samples older than its minimum valid time. Defaults to no bound. Thread-safe.
    /// </summary>
    public long MinValidTimeMs
    {
        get => Volatile.Read(ref _minValidTimeMs);
        set => Volatile.Write(ref _minValidTimeMs, value);
    }

    /// <summary>The number of series, including series created by appends that were rolled back.</summary>
    public int SeriesCount
    {
        get
        {
            lock (_lock)
            {
                return _series.Count;
            }
        }
    }

    /// <summary>The newest committed sample timestamp, or <see cref="long.MinValue"/> when empty.</summary>
    public long MaxTimeMs
    {
        get
        {
            lock (_lock)
            {
                return _maxTimeMs;
            }
        }
    }

    /// <inheritdoc/>
    public IAppender CreateAppender() => new Appender(this);

    /// <inheritdoc/>
    public IQuerier CreateQuerier(long minTimeMs, long maxTimeMs) => new Querier(this, minTimeMs, maxTimeMs);

    /// <summary>
    /// Bulk-loads float samples for tests, bypassing appenders and validation: they are sorted and merged with the
    /// series' existing samples; on equal timestamps the loaded sample wins.
    /// </summary>
    /// <param name="labels">The series labels; must not be empty.</param>
    /// <param name="samples">Timestamp/value pairs in any order.</param>
    /// <returns>The series reference.</returns>
    /// <exception cref="ArgumentException">The labels are empty.</exception>
    public SeriesRef Load(Labels labels, IEnumerable<(long TimestampMs, double Value)> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return Load(labels, samples.Select(static s => new SeriesSample(s.TimestampMs, s.Value)));
    }

    /// <summary>Bulk-loads samples of any type; see <see cref="Load(Labels, IEnumerable{ValueTuple{long, double}})"/>.</summary>
    /// <param name="labels">The series labels; must not be empty.</param>
    /// <param name="samples">Samples in any order; histograms are referenced, not copied.</param>
    /// <returns>The series reference.</returns>
    /// <exception cref="ArgumentException">The labels are empty.</exception>
    public SeriesRef Load(Labels labels, IEnumerable<SeriesSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (labels.IsEmpty)
        {
            throw new ArgumentException("A series needs at least one label.", nameof(labels));
        }

        var loaded = samples.ToArray();
        lock (_lock)
        {
            var series = GetOrCreateLocked(SeriesRef.None, labels);
            var merged = new SeriesSample[series.Count + loaded.Length];
            series.AsSpan().CopyTo(merged);
            loaded.CopyTo(merged, series.Count);

            // Stable sort, then keep the last sample per timestamp so loaded samples override stored ones.
            var order = merged.Select(static (s, i) => (s, i)).OrderBy(static p => p.s.TimestampMs).ThenBy(static p => p.i).ToArray();
            var n = 0;
            foreach (var (s, _) in order)
            {
                if (n > 0 && merged[n - 1].TimestampMs == s.TimestampMs)
                {
                    merged[n - 1] = s;
                }
                else
                {
                    merged[n++] = s;
                }
            }

            series.Replace(merged, n);
            if (n > 0)
            {
                _maxTimeMs = Math.Max(_maxTimeMs, merged[n - 1].TimestampMs);
            }

            return new SeriesRef(series.Ref);
        }
    }

    /// <summary>Bulk-loads float samples; see <see cref="Load(Labels, IEnumerable{ValueTuple{long, double}})"/>.</summary>
    /// <param name="labels">The series labels; must not be empty.</param>
    /// <param name="samples">Timestamp/value pairs in any order.</param>
    /// <returns>The series reference.</returns>
    public SeriesRef Load(Labels labels, params (long TimestampMs, double Value)[] samples) =>
        Load(labels, (IEnumerable<(long TimestampMs, double Value)>)samples);

    /// <summary>The committed exemplars of a series, oldest first.</summary>
    /// <param name="labels">The series labels.</param>
    /// <returns>A copy owned by the caller; empty for an unknown series.</returns>
    public IReadOnlyList<Exemplar> GetExemplars(in Labels labels)
    {
        lock (_lock)
        {
            return _byLabels.TryGetValue(labels, out var s) && s.Exemplars is { } list ? [.. list] : [];
        }
    }

    /// <summary>The committed metadata of a series.</summary>
    /// <param name="labels">The series labels.</param>
    /// <returns>The latest metadata, or null when none was recorded.</returns>
    public Metadata? GetMetadata(in Labels labels)
    {
        lock (_lock)
        {
            return _byLabels.TryGetValue(labels, out var s) ? s.Metadata : null;
        }
    }

    /// <summary>Finds a series by reference or, failing that, by labels. Caller holds the lock.</summary>
    private MemSeries? FindLocked(SeriesRef reference, in Labels labels)
    {
        // References are 1-based indexes into _series.
        if (reference.Value is > 0 and var r && r <= (ulong)_series.Count)
        {
            return _series[(int)(r - 1)];
        }

        return _byLabels.GetValueOrDefault(labels);
    }

    private MemSeries GetOrCreateLocked(SeriesRef reference, in Labels labels)
    {
        if (FindLocked(reference, labels) is { } found)
        {
            return found;
        }

        var series = new MemSeries((ulong)_series.Count + 1, labels);
        _series.Add(series);
        _byLabels.Add(labels, series);
        return series;
    }

    private static bool MatchesAll(in Labels labels, ReadOnlySpan<Matcher> matchers)
    {
        // An absent label reads as "", which gives Prometheus's semantics for free: {a=""} and {a!~".+"} select
        // series without a, {a!=""} and {a=~".+"} require it.
        foreach (var m in matchers)
        {
            if (!m.Matches(labels.Get(m.Name)))
            {
                return false;
            }
        }

        return true;
    }
}
