using Pharos.Model;

namespace Pharos.Tsdb.Db;

public sealed partial class TsdbDatabase
{
    /// <summary>
    /// The statistics of <c>/api/v1/status/tsdb</c> (Prometheus <c>DB.Head().Stats</c>): head counts and range, and the
    /// <paramref name="limit"/> largest entries of each cardinality list, computed from the head's postings as upstream
    /// does; plus the loaded blocks.
    /// </summary>
    /// <param name="limit">How many entries each list keeps (upstream's <c>limit</c> parameter, 10 by default).</param>
    /// <returns>A snapshot.</returns>
    public TsdbStats Stats(int limit = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ThrowIfDisposed();
        var metricNames = new List<TsdbStatsEntry>();
        var pairs = new List<TsdbStatsEntry>();
        var valueCounts = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var valueBytes = new Dictionary<string, ulong>(StringComparer.Ordinal);
        long labelPairs = 0;
        Head.Postings.VisitCounts((name, value, series) =>
        {
            if (name.Length == 0)
            {
                return; // the all-postings key
            }

            labelPairs++;
            if (name == LabelNames.MetricName)
            {
                metricNames.Add(new TsdbStatsEntry(value, (ulong)series));
            }

            pairs.Add(new TsdbStatsEntry(name + "=" + value, (ulong)series));
            valueCounts[name] = valueCounts.GetValueOrDefault(name) + 1;
            valueBytes[name] = valueBytes.GetValueOrDefault(name) + ((ulong)System.Text.Encoding.UTF8.GetByteCount(value) * (ulong)series);
        });

        return new TsdbStats
        {
            Head = new TsdbHeadStats(Head.SeriesCount, labelPairs, Head.Metrics.HeadChunks, Head.MinTimeMs, Head.MaxTimeMs),
            SeriesCountByMetricName = Top(metricNames, limit),
            LabelValueCountByLabelName = Top(valueCounts.Select(kv => new TsdbStatsEntry(kv.Key, kv.Value)), limit),
            MemoryInBytesByLabelName = Top(valueBytes.Select(kv => new TsdbStatsEntry(kv.Key, kv.Value)), limit),
            SeriesCountByLabelValuePair = Top(pairs, limit),
            Blocks = Blocks(),
        };
    }

    /// <summary>A snapshot of the self-metrics, with upstream's names on each property.</summary>
    /// <returns>The values now.</returns>
    public TsdbMetrics GetMetrics()
    {
        var m = Head.Metrics;
        IReadOnlyList<LoadedBlock> blocks;
        lock (_blocksLock)
        {
            blocks = _blocks.Blocks;
        }

        var lowest = blocks.Count > 0 ? blocks[0].Block.MinTimeMs : Head.MinTimeMs;
        return new TsdbMetrics
        {
            HeadSeries = m.HeadSeries,
            HeadSeriesCreatedTotal = m.HeadSeriesCreatedTotal,
            HeadSeriesRemovedTotal = m.HeadSeriesRemovedTotal,
            HeadSamplesAppendedTotal = m.HeadSamplesAppendedTotal,
            HeadChunks = m.HeadChunks,
            HeadChunksCreatedTotal = m.HeadChunksCreatedTotal,
            HeadChunksRemovedTotal = m.HeadChunksRemovedTotal,
            HeadMinTimeMs = Head.MinTimeMs,
            HeadMaxTimeMs = Head.MaxTimeMs,
            OutOfOrderSamplesTotal = m.OutOfOrderSamplesTotal,
            OutOfBoundSamplesTotal = m.OutOfBoundSamplesTotal,
            BlocksLoaded = blocks.Count,
            StorageBlocksBytes = blocks.Sum(b => b.SizeBytes),
            LowestTimestampMs = lowest,
            CompactionsTotal = Interlocked.Read(ref _compactions),
            CompactionsFailedTotal = Interlocked.Read(ref _compactionsFailed),
            CompactionsTriggeredTotal = Interlocked.Read(ref _compactionsTriggered),
            ReloadsTotal = Interlocked.Read(ref _reloads),
            ReloadsFailuresTotal = Interlocked.Read(ref _reloadFailures),
            WalCorruptionsTotal = WalCorruptionsTotal,
            CheckpointCreationsTotal = CheckpointCreationsTotal,
            TimeRetentionsTotal = Interlocked.Read(ref _timeRetentions),
            SizeRetentionsTotal = Interlocked.Read(ref _sizeRetentions),
            RetentionLimitBytes = Options.MaxBytes,
            WalStorageSizeBytes = LoadedBlock.DirectorySize(WalDirectory),
        };
    }

    private static TsdbStatsEntry[] Top(IEnumerable<TsdbStatsEntry> entries, int limit) =>
        [.. entries.OrderByDescending(e => e.Value).ThenBy(e => e.Name, StringComparer.Ordinal).Take(limit)];
}
