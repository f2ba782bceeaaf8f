using System.Text;
using Pharos.Model;
using Pharos.Storage;

namespace Pharos.Scrape;

/// <summary>
/// Per-target memory of what earlier scrapes saw, as upstream's <c>scrapeCache</c>: the raw series bytes of each line
/// map to the final labels and the storage reference (or to "dropped by relabeling"), the series of the current and
/// previous scrape are kept for staleness markers, and the families' metadata is kept for the metadata APIs.
/// </summary>
/// <remarks>
/// Used by one scrape loop at a time (not thread-safe), except <see cref="SnapshotMetadata"/>, which may run
/// concurrently with a scrape and only takes the metadata lock. Entries not seen for two successful scrapes are
/// dropped so series churn does not grow the cache forever.
/// </remarks>
internal sealed class ScrapeCache
{
    private readonly Dictionary<byte[], Entry> _series = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], Entry>.AlternateLookup<ReadOnlySpan<byte>> _seriesLookup;
    private readonly Dictionary<byte[], MetadataEntry> _metadata = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], MetadataEntry>.AlternateLookup<ReadOnlySpan<byte>> _metadataLookup;
    private readonly Lock _metadataLock = new();
    private Dictionary<ulong, Labels> _seriesCur = [];
    private Dictionary<ulong, Labels> _seriesPrev = [];

    public ScrapeCache()
    {
        _seriesLookup = _series.GetAlternateLookup<ReadOnlySpan<byte>>();
        _metadataLookup = _metadata.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The generation of the current scrape; incremented by <see cref="IterationDone"/>.</summary>
    public long Iteration { get; private set; } = 1;

    /// <summary>The number of cached series entries, dropped ones included.</summary>
    public int Count => _series.Count;

    /// <summary>The number of metric families with metadata.</summary>
    public int MetadataCount
    {
        get
        {
            lock (_metadataLock)
            {
                return _metadata.Count;
            }
        }
    }

    /// <summary>Looks up the raw series bytes of a line and marks the entry seen in this scrape.</summary>
    public bool TryGet(ReadOnlySpan<byte> series, out Entry entry)
    {
        if (_seriesLookup.TryGetValue(series, out entry!))
        {
            entry.LastIteration = Iteration;
            return true;
        }

        return false;
    }

    /// <summary>Adds an entry for series bytes seen for the first time (a cache miss).</summary>
    public Entry Add(ReadOnlySpan<byte> series, Labels labels, bool dropped)
    {
        var entry = new Entry
        {
            Labels = labels,
            Hash = dropped ? 0 : labels.Hash(),
            Dropped = dropped,
            LastIteration = Iteration,
        };
        _seriesLookup[series] = entry;
        return entry;
    }

    /// <summary>Remembers that a series was appended in this scrape, for staleness tracking.</summary>
    public void TrackStaleness(Entry entry) => _seriesCur[entry.Hash] = entry.Labels;

    /// <summary>Remembers a series that is not in the series cache (a report series), for staleness tracking.</summary>
    public void TrackStaleness(ulong hash, Labels labels) => _seriesCur[hash] = labels;

    /// <summary>Calls <paramref name="append"/> for every series of the previous scrape missing from this one.</summary>
    public void ForEachStale<TState>(ref TState state, StaleAction<TState> append)
    {
        foreach (var (hash, labels) in _seriesPrev)
        {
            if (!_seriesCur.ContainsKey(hash))
            {
                append(ref state, labels);
            }
        }
    }

    /// <summary>Forgets the series recorded for staleness in the current scrape (after a failed, rolled-back append).</summary>
    public void ForgetCurrent() => _seriesCur.Clear();

    /// <summary>
    /// Ends a scrape: on success (<paramref name="flush"/>) entries unseen for two scrapes are removed; the current
    /// series become the previous ones; the generation advances.
    /// </summary>
    public void IterationDone(bool flush)
    {
        if (flush)
        {
            // Removing while enumerating is allowed for Dictionary and keeps the sweep allocation-free.
            foreach (var (key, entry) in _series)
            {
                if (entry.LastIteration < Iteration - 1)
                {
                    _series.Remove(key);
                }
            }

            lock (_metadataLock)
            {
                foreach (var (key, entry) in _metadata)
                {
                    if (entry.LastIteration < Iteration - 1)
                    {
                        _metadata.Remove(key);
                    }
                }
            }
        }

        (_seriesPrev, _seriesCur) = (_seriesCur, _seriesPrev);
        _seriesCur.Clear();
        Iteration++;
    }

    /// <summary>Records a family's type.</summary>
    /// <returns>True when the metadata changed.</returns>
    public bool SetType(ReadOnlySpan<byte> family, MetricType type)
    {
        lock (_metadataLock)
        {
            var entry = GetMetadata(family);
            var changed = entry.Type != type;
            entry.Type = type;
            return changed;
        }
    }

    /// <summary>Records a family's help text.</summary>
    /// <returns>True when the metadata changed.</returns>
    public bool SetHelp(ReadOnlySpan<byte> family, ReadOnlySpan<byte> help) => SetText(family, help, unit: false);

    /// <summary>Records a family's unit.</summary>
    /// <returns>True when the metadata changed.</returns>
    public bool SetUnit(ReadOnlySpan<byte> family, ReadOnlySpan<byte> unit) => SetText(family, unit, unit: true);

    // Copies the text only when it changed, so a steady-state scrape allocates nothing here.
    private bool SetText(ReadOnlySpan<byte> family, ReadOnlySpan<byte> text, bool unit)
    {
        lock (_metadataLock)
        {
            var entry = GetMetadata(family);
            ref var field = ref unit ? ref entry.Unit : ref entry.Help;
            if (text.SequenceEqual(field))
            {
                return false;
            }

            field = text.ToArray();
            return true;
        }
    }

    /// <summary>The metadata of a family, if the target exposed any for it.</summary>
    public bool TryGetMetadata(string family, out Metadata metadata)
    {
        lock (_metadataLock)
        {
            if (_metadata.TryGetValue(Encoding.UTF8.GetBytes(family), out var entry))
            {
                metadata = entry.ToMetadata();
                return true;
            }
        }

        metadata = default;
        return false;
    }

    /// <summary>A copy of all metadata, by family name. Thread-safe.</summary>
    public List<KeyValuePair<string, Metadata>> SnapshotMetadata()
    {
        lock (_metadataLock)
        {
            var result = new List<KeyValuePair<string, Metadata>>(_metadata.Count);
            foreach (var (key, entry) in _metadata)
            {
                result.Add(new(Encoding.UTF8.GetString(key), entry.ToMetadata()));
            }

            return result;
        }
    }

    private MetadataEntry GetMetadata(ReadOnlySpan<byte> family)
    {
        if (!_metadataLookup.TryGetValue(family, out var entry))
        {
            entry = new MetadataEntry();
            _metadataLookup[family] = entry;
        }

        entry.LastIteration = Iteration;
        return entry;
    }

    /// <summary>Appends a stale marker for one series; <typeparamref name="TState"/> carries the appender.</summary>
    public delegate void StaleAction<TState>(ref TState state, Labels labels);

    /// <summary>A cached series: its final labels and storage reference, or a tombstone for a dropped series.</summary>
    public sealed class Entry
    {
        public SeriesRef Ref;
        public Labels Labels;
        public ulong Hash;
        public bool Dropped;
        public long LastIteration;
    }

    private sealed class MetadataEntry
    {
        public MetricType Type = MetricType.Unknown;
        public byte[] Help = [];
        public byte[] Unit = [];
        public long LastIteration;

        public Metadata ToMetadata() => new(Type, Encoding.UTF8.GetString(Help), Encoding.UTF8.GetString(Unit));
    }
}
