using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Model;
using Pharos.Tsdb.Db;
using Pharos.Tsdb.Record;
using Pharos.Tsdb.Wal;

namespace Pharos.Tsdb.Head;

public sealed partial class Head
{
    /// <summary>
    /// Rebuilds the head from a WAL directory (Prometheus <c>Head.Init</c> / <c>loadWAL</c>): the newest checkpoint
    /// first, then every segment after it, in order. Series keep their WAL references; samples older than
    /// <see cref="MinValidTimeMs"/> are skipped. At a corrupt or torn record replay stops, the WAL is cut there with
    /// <see cref="WalRepair"/>, and everything before it is kept. Call on a fresh head, before attaching a WAL and
    /// before any appender; not thread-safe with appends.
    /// </summary>
    /// <param name="walDirectory">The WAL directory; a missing one replays nothing.</param>
    /// <param name="logger">Receives progress ("WAL segment loaded") and corruption reports; null for none.</param>
    /// <param name="progress">Receives the segment range and each loaded segment; null for none.</param>
    /// <param name="repair">
    /// Whether to cut the WAL at a corruption (false for a read-only open: replay then stops at the corruption and
    /// leaves the files as they are).
    /// </param>
    /// <returns>What was read, and the corruption if one was met.</returns>
    /// <exception cref="InvalidDataException">The checkpoint is corrupt (it is never repaired, as upstream).</exception>
    public WalReplayResult Replay(string walDirectory, ILogger? logger = null, Db.WalReplayProgress? progress = null, bool repair = true)
    {
        ArgumentNullException.ThrowIfNull(walDirectory);
        logger ??= NullLogger.Instance;
        var started = Stopwatch.GetTimestamp();
        var state = new ReplayState(this);
        if (!Directory.Exists(walDirectory))
        {
            progress?.Begin(-1, -1);
            return state.Result(null, 0, Stopwatch.GetElapsedTime(started));
        }

        logger.LogInformation("Replaying WAL, this may take a while: dir={WalDirectory}", walDirectory);

        var firstSegment = 0;
        if (WalCheckpoint.FindLast(walDirectory) is { } checkpoint)
        {
            using (var reader = WalReader.Open(checkpoint.Path))
            {
                state.ReadAll(reader);
                if (reader.Corruption is { } broken)
                {
                    throw new InvalidDataException($"Checkpoint {checkpoint.Path} is corrupt: {broken}");
                }
            }

            firstSegment = checkpoint.Index + 1;
            logger.LogInformation("WAL checkpoint loaded: {Checkpoint}", checkpoint.Path);
        }

        var segments = WalFormat.ListSegments(walDirectory).Where(s => s.Index >= firstSegment).ToList();
        WalCorruption? corruption = null;
        long droppedBytes = 0;
        progress?.Begin(segments.Count > 0 ? segments[0].Index : -1, segments.Count > 0 ? segments[^1].Index : -1);
        if (segments.Count > 0)
        {
            var last = segments[^1].Index;
            foreach (var (index, _) in segments)
            {
                using var reader = WalReader.Open(walDirectory, index, index);
                corruption = state.ReadAll(reader);
                if (corruption is not null && !repair)
                {
                    logger.LogWarning("WAL corruption met in a read-only replay; reading stops there: {Corruption}", corruption);
                    break;
                }

                if (corruption is not null)
                {
                    logger.LogWarning("Encountered WAL read error, attempting repair: {Corruption}", corruption);
                    droppedBytes = WalRepair.Repair(walDirectory, corruption);
                    logger.LogWarning(
                        "WAL repaired: dropped {DroppedBytes} bytes from segment {Segment} offset {Offset} on, and every later segment",
                        droppedBytes,
                        corruption.Segment,
                        corruption.Offset);
                    break;
                }

                logger.LogInformation("WAL segment loaded: segment={Segment} maxSegment={MaxSegment}", index, last);
                progress?.SegmentLoaded(index);
            }
        }

        var result = state.Result(corruption, droppedBytes, Stopwatch.GetElapsedTime(started));
        logger.LogInformation(
            "WAL replay completed: {Series} series, {Samples} samples, {Exemplars} exemplars in {Duration}",
            result.Series,
            result.Samples,
            result.Exemplars,
            result.Duration);
        return result;
    }

    /// <summary>Creates a series with the reference the WAL gave it, or returns the one already holding the labels.</summary>
    private MemSeries GetOrCreateWithRef(ulong reference, in Labels labels)
    {
        var series = _hashes.GetOrCreate(labels.Hash(), labels, static (r, h, l) => new MemSeries(r, l, h), reference, out var created);
        if (created)
        {
            _refs.Set(series);
            _postings.Add(series.Ref, series.Labels);
            Interlocked.Increment(ref Metrics.Series);
            Interlocked.Increment(ref Metrics.SeriesCreated);
            var last = Volatile.Read(ref _lastSeriesRef);
            if ((long)reference > last)
            {
                Volatile.Write(ref _lastSeriesRef, (long)reference);
            }
        }

        return series;
    }

    /// <summary>The mutable state of one replay: decoders, reused lists and counters.</summary>
    private sealed class ReplayState(Head head)
    {
        private readonly RecordDecoder _decoder = new();
        private readonly List<RefSeries> _series = [];
        private readonly List<RefSample> _samples = [];
        private readonly List<RefExemplar> _exemplars = [];
        private readonly List<RefMetadata> _metadata = [];
        private readonly List<RefTombstone> _tombstones = [];

        // A series logged twice under different references (possible after a restart raced a GC) maps to one.
        private readonly Dictionary<ulong, MemSeries> _aliases = [];
        private long _records;
        private long _seriesCount;
        private long _sampleCount;
        private long _exemplarCount;
        private long _skipped;
        private long _unknownRefs;
        private long _minTimeMs = long.MaxValue;
        private long _maxTimeMs = long.MinValue;

        /// <summary>Applies every record of the reader; returns the corruption that stopped it, if any.</summary>
        public WalCorruption? ReadAll(WalReader reader)
        {
            while (reader.Next())
            {
                try
                {
                    Apply(reader.Record);
                }
                catch (InvalidDataException e)
                {
                    // A record whose frame checks out but whose content does not decode: cut the log before it.
                    return new WalCorruption(reader.Segment, reader.Offset, reader.Segment, reader.Offset, $"undecodable record: {e.Message}");
                }

                _records++;
            }

            return reader.Corruption;
        }

        public WalReplayResult Result(WalCorruption? corruption, long droppedBytes, TimeSpan duration)
        {
            if (_maxTimeMs != long.MinValue)
            {
                head.UpdateMinMaxTime(_minTimeMs, _maxTimeMs);
            }

            return new WalReplayResult
            {
                Records = _records,
                Series = _seriesCount,
                Samples = _sampleCount,
                Exemplars = _exemplarCount,
                SkippedSamples = _skipped,
                UnknownSeriesReferences = _unknownRefs,
                Corruption = corruption,
                DroppedBytes = droppedBytes,
                Duration = duration,
            };
        }

        private void Apply(ReadOnlySpan<byte> record)
        {
            switch (RecordDecoder.GetType(record))
            {
                case RecordType.Series:
                    _series.Clear();
                    _decoder.Series(record, _series);
                    foreach (var s in _series)
                    {
                        var series = head.GetOrCreateWithRef(s.Ref, s.Labels);
                        if (series.Ref != s.Ref)
                        {
                            _aliases[s.Ref] = series;
                        }

                        _seriesCount++;
                    }

                    break;
                case RecordType.Samples:
                    _samples.Clear();
                    RecordDecoder.Samples(record, _samples);
                    ApplySamples();
                    break;
                case RecordType.Exemplars when head.Exemplars is { } store:
                    _exemplars.Clear();
                    _decoder.Exemplars(record, _exemplars);
                    foreach (var e in _exemplars)
                    {
                        if (Lookup(e.Ref) is { } series && e.TimestampMs >= head.MinValidTimeMs)
                        {
                            store.Add(series.Ref, new Exemplar(e.Labels, e.Value, e.TimestampMs, HasTimestamp: true));
                            _exemplarCount++;
                        }
                    }

                    break;
                case RecordType.Metadata:
                    _metadata.Clear();
                    RecordDecoder.Metadata(record, _metadata);
                    foreach (var m in _metadata)
                    {
                        if (Lookup(m.Ref) is { } series)
                        {
                            lock (series.Lock)
                            {
                                series.Metadata = new Metadata(m.Type, m.Help, m.Unit);
                            }
                        }
                    }

                    break;
                case RecordType.Tombstones:
                    _tombstones.Clear();
                    RecordDecoder.Tombstones(record, _tombstones);
                    for (var i = 0; i < _tombstones.Count; i++)
                    {
                        var t = _tombstones[i];
                        _tombstones[i] = Lookup(t.Ref) is { } target ? t with { Ref = target.Ref } : t;
                    }

                    head.AddTombstones(_tombstones);
                    break;
                default:
                    // M-map markers and histograms: not held by this head yet (issue 3).
                    break;
            }
        }

        private void ApplySamples()
        {
            var options = head.Options;
            var minValid = head.MinValidTimeMs;
            long chunks = 0;
            foreach (var sample in _samples)
            {
                if (sample.TimestampMs < minValid)
                {
                    _skipped++;
                    continue;
                }

                if (Lookup(sample.Ref) is not { } series)
                {
                    _unknownRefs++;
                    continue;
                }

                lock (series.Lock)
                {
                    if (!series.Append(sample.TimestampMs, sample.Value, options.ChunkRangeMs, options.SamplesPerChunk, out var chunkCreated))
                    {
                        _skipped++;
                        continue;
                    }

                    chunks += chunkCreated ? 1 : 0;
                }

                _sampleCount++;
                _minTimeMs = Math.Min(_minTimeMs, sample.TimestampMs);
                _maxTimeMs = Math.Max(_maxTimeMs, sample.TimestampMs);
            }

            Interlocked.Add(ref head.Metrics.Chunks, chunks);
            Interlocked.Add(ref head.Metrics.ChunksCreated, chunks);
        }

        private MemSeries? Lookup(ulong reference) =>
            _aliases.TryGetValue(reference, out var alias) ? alias : head.GetByRef(reference);
    }
}
