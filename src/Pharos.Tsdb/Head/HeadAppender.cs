using System.Buffers;
using System.Runtime.CompilerServices;
using Pharos.Model;
using Pharos.Storage;

namespace Pharos.Tsdb.Head;

/// <summary>
/// A batch of appends to the <see cref="Head"/> (Prometheus's <c>headAppender</c>). Samples are validated when
/// appended, against the committed state and this batch's own earlier samples, and written to chunks on
/// <see cref="Commit"/> under each series' lock. A sample that a concurrent batch made out of order in between is
/// dropped at commit and counted, as upstream does. Single-use, single-threaded.
/// </summary>
internal sealed class HeadAppender : IAppender
{
    private const int InitialCapacity = 256;

    private readonly Head _head;
    private readonly long _minValidTimeMs;
    private PendingSample[] _samples = [];
    private int _count;
    private List<(MemSeries Series, Exemplar Exemplar)>? _exemplars;
    private List<(MemSeries Series, Metadata Metadata)>? _metadata;
    private List<MemSeries>? _createdSeries;
    private long _minTimeMs = long.MaxValue;
    private long _maxTimeMs = long.MinValue;
    private bool _done;

    public HeadAppender(Head head)
    {
        _head = head;
        _minValidTimeMs = head.AppendableMinValidTimeMs();
    }

    public AppendStatus Append(ref SeriesRef series, in Labels labels, long timestampMs, double value)
    {
        ThrowIfDone();
        if (timestampMs < _minValidTimeMs)
        {
            Interlocked.Increment(ref _head.Metrics.OutOfBoundSamples);
            return AppendStatus.OutOfBounds;
        }

        // Fast path: a cached reference is two array loads.
        var s = series.IsSet ? _head.GetByRef(series.Value) : null;
        if (s is null)
        {
            if (labels.IsEmpty)
            {
                series = SeriesRef.None;
                return AppendStatus.InvalidLabels;
            }

            s = _head.GetOrCreate(labels, out var created);
            series = new SeriesRef(s.Ref);
            if (created && _head.Wal is not null)
            {
                (_createdSeries ??= []).Add(s);
            }
        }

        var bits = BitConverter.DoubleToUInt64Bits(value);
        lock (s.Lock)
        {
            if (!s.Deleted)
            {
                var status = Check(s, timestampMs, bits, out var repeat);
                if (status != AppendStatus.Ok)
                {
                    return Rejected(status);
                }

                if (repeat)
                {
                    // The newest sample again (a re-sent scrape): accepted, nothing to store.
                    return AppendStatus.Ok;
                }

                s.PendingOwner = this;
                s.PendingTimestampMs = timestampMs;
                s.PendingValueBits = bits;
                Add(s, timestampMs, value);
                return AppendStatus.Ok;
            }
        }

        // Garbage-collected between lookup and lock: start over, which creates a fresh series.
        series = SeriesRef.None;
        return Append(ref series, labels, timestampMs, value);
    }

    public AppendStatus AppendHistogram(ref SeriesRef series, in Labels labels, long timestampMs, Histogram histogram)
    {
        ThrowIfDone();

        // NOTE: histogram chunks are not implemented in the head yet (issue 3).
        return AppendStatus.NativeHistogramsDisabled;
    }

    public AppendStatus AppendHistogram(ref SeriesRef series, in Labels labels, long timestampMs, FloatHistogram histogram)
    {
        ThrowIfDone();
        return AppendStatus.NativeHistogramsDisabled;
    }

    public AppendStatus AppendExemplar(SeriesRef series, in Labels labels, in Exemplar exemplar)
    {
        ThrowIfDone();
        if (_head.Exemplars is not { } store)
        {
            return AppendStatus.ExemplarsDisabled;
        }

        if (!ExemplarLimits.LabelsFit(exemplar.Labels))
        {
            return AppendStatus.ExemplarLabelLength;
        }

        var s = Resolve(series, labels);
        if (s is null)
        {
            return AppendStatus.NotFound;
        }

        // The newest exemplar of this batch for the series, else the newest stored one.
        if (_exemplars is not null)
        {
            for (var i = _exemplars.Count - 1; i >= 0; i--)
            {
                if (_exemplars[i].Series == s)
                {
                    var verdict = CircularExemplarStorage.Compare(_exemplars[i].Exemplar, exemplar);
                    if (verdict != AppendStatus.Ok)
                    {
                        return verdict;
                    }

                    (_exemplars ??= []).Add((s, exemplar));
                    return AppendStatus.Ok;
                }
            }
        }

        var status = store.Validate(s.Ref, exemplar);
        if (status == AppendStatus.Ok)
        {
            (_exemplars ??= []).Add((s, exemplar));
        }

        return status;
    }

    public void UpdateMetadata(SeriesRef series, in Labels labels, in Metadata metadata)
    {
        ThrowIfDone();
        if (Resolve(series, labels) is { } s)
        {
            (_metadata ??= []).Add((s, metadata));
        }
    }

    public void Commit()
    {
        ThrowIfDone();
        _done = true;

        // The WAL first: a batch the log did not take is rolled back and never becomes visible.
        try
        {
            _head.LogCommit(_createdSeries, _samples.AsSpan(0, _count), _exemplars, _metadata);
        }
        catch
        {
            ReleaseAll();
            throw;
        }

        var options = _head.Options;
        var metrics = _head.Metrics;
        long appended = 0, outOfOrder = 0, chunks = 0;
        foreach (ref var p in _samples.AsSpan(0, _count))
        {
            var s = p.Series;
            lock (s.Lock)
            {
                if (s.Append(p.TimestampMs, p.Value, options.ChunkRangeMs, options.SamplesPerChunk, out var chunkCreated))
                {
                    appended++;
                }
                else
                {
                    outOfOrder++;
                }

                chunks += chunkCreated ? 1 : 0;
                ReleasePending(s, p.TimestampMs);
            }
        }

        if (_exemplars is not null)
        {
            foreach (var (s, exemplar) in _exemplars)
            {
                _head.Exemplars!.Add(s.Ref, exemplar);
            }
        }

        if (_metadata is not null)
        {
            foreach (var (s, metadata) in _metadata)
            {
                lock (s.Lock)
                {
                    s.Metadata = metadata;
                }
            }
        }

        if (appended > 0)
        {
            _head.UpdateMinMaxTime(_minTimeMs, _maxTimeMs);
        }

        Interlocked.Add(ref metrics.SamplesAppended, appended);
        Interlocked.Add(ref metrics.OutOfOrderSamples, outOfOrder);
        Interlocked.Add(ref metrics.Chunks, chunks);
        Interlocked.Add(ref metrics.ChunksCreated, chunks);
        ReturnBuffer();
    }

    public void Rollback()
    {
        ThrowIfDone();
        _done = true;
        var created = _createdSeries;
        ReleaseAll();

        // Series stay in memory after a rollback, so later batches may use them: log them (never the samples).
        _head.LogCommit(created, [], null, null);
    }

    private void ReleaseAll()
    {
        foreach (ref var p in _samples.AsSpan(0, _count))
        {
            lock (p.Series.Lock)
            {
                ReleasePending(p.Series, p.TimestampMs);
            }
        }

        ReturnBuffer();
    }

    /// <summary>
    /// Validates a sample against the newest sample of the series: this batch's pending one if it has any, else the
    /// committed one (upstream's <c>appendable</c>). The caller holds the series lock.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private AppendStatus Check(MemSeries s, long timestampMs, ulong valueBits, out bool repeat)
    {
        repeat = false;
        long lastT;
        ulong lastBits;
        if (s.PendingOwner == this)
        {
            lastT = s.PendingTimestampMs;
            lastBits = s.PendingValueBits;
        }
        else
        {
            lastT = s.LastTimestampMs;
            lastBits = s.LastValueBits;
            if (lastT == long.MinValue)
            {
                return AppendStatus.Ok;
            }
        }

        if (timestampMs > lastT)
        {
            return AppendStatus.Ok;
        }

        if (timestampMs < lastT)
        {
            return AppendStatus.OutOfOrder;
        }

        // Same timestamp: bit-identical values (the stale marker included) are a harmless repeat.
        repeat = valueBits == lastBits;
        return repeat ? AppendStatus.Ok : AppendStatus.DuplicateTimestamp;
    }

    private AppendStatus Rejected(AppendStatus status)
    {
        if (status == AppendStatus.OutOfOrder)
        {
            Interlocked.Increment(ref _head.Metrics.OutOfOrderSamples);
        }
        else
        {
            Interlocked.Increment(ref _head.Metrics.DuplicateSamples);
        }

        return status;
    }

    private void Add(MemSeries s, long timestampMs, double value)
    {
        if (_count == _samples.Length)
        {
            Grow();
        }

        _samples[_count++] = new PendingSample(s, timestampMs, value);
        _minTimeMs = Math.Min(_minTimeMs, timestampMs);
        _maxTimeMs = Math.Max(_maxTimeMs, timestampMs);
    }

    private void Grow()
    {
        // Pooled so a steady stream of batches allocates nothing per sample.
        var bigger = ArrayPool<PendingSample>.Shared.Rent(Math.Max(InitialCapacity, _samples.Length * 2));
        _samples.AsSpan(0, _count).CopyTo(bigger);
        if (_samples.Length > 0)
        {
            ArrayPool<PendingSample>.Shared.Return(_samples, clearArray: true);
        }

        _samples = bigger;
    }

    private void ReturnBuffer()
    {
        if (_samples.Length > 0)
        {
            _samples.AsSpan(0, _count).Clear();
            ArrayPool<PendingSample>.Shared.Return(_samples);
        }

        _samples = [];
        _count = 0;
        _exemplars = null;
        _metadata = null;
        _createdSeries = null;
    }

    private void ReleasePending(MemSeries s, long timestampMs)
    {
        // The pending marker describes this batch's newest sample of the series; once that one is handled the
        // series no longer waits on this batch (which also lets garbage collection take it).
        if (s.PendingOwner == this && s.PendingTimestampMs == timestampMs)
        {
            s.PendingOwner = null;
        }
    }

    private MemSeries? Resolve(SeriesRef series, in Labels labels) =>
        (series.IsSet ? _head.GetByRef(series.Value) : null) ?? (labels.IsEmpty ? null : _head.Find(labels));

    private void ThrowIfDone()
    {
        if (_done)
        {
            throw new InvalidOperationException("The appender was already committed or rolled back.");
        }
    }

    internal readonly record struct PendingSample(MemSeries Series, long TimestampMs, double Value);
}
