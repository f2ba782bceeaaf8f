using Pharos.Model;

namespace Pharos.Storage;

public sealed partial class MemoryStorage
{
    /// <summary>
    /// Buffers a batch until <see cref="Commit"/>. Validation happens at append time against the committed state
    /// plus this batch, as the head does; a sample that became out of order because another batch committed in
    /// between is dropped silently at commit, as upstream counts and drops it.
    /// </summary>
    private sealed class Appender(MemoryStorage storage) : IAppender
    {
        private readonly List<(MemSeries Series, SeriesSample Sample)> _samples = [];
        private readonly Dictionary<MemSeries, SeriesSample> _lastPending = [];
        private readonly List<(MemSeries Series, Exemplar Exemplar)> _exemplars = [];
        private readonly Dictionary<MemSeries, Exemplar> _lastPendingExemplar = [];
        private readonly List<(MemSeries Series, Metadata Metadata)> _metadata = [];
        private bool _done;

        public AppendStatus Append(ref SeriesRef series, in Labels labels, long timestampMs, double value) =>
            AppendSample(ref series, labels, new SeriesSample(timestampMs, value));

        public AppendStatus AppendHistogram(ref SeriesRef series, in Labels labels, long timestampMs, Histogram histogram)
        {
            ArgumentNullException.ThrowIfNull(histogram);
            if (!storage.EnableNativeHistograms)
            {
                return AppendStatus.NativeHistogramsDisabled;
            }

            // Copied so a test that reuses its histogram object cannot change stored data.
            return histogram.TryValidate(out _)
                ? AppendSample(ref series, labels, SeriesSample.Of(timestampMs, histogram.Copy()))
                : AppendStatus.InvalidSample;
        }

        public AppendStatus AppendHistogram(ref SeriesRef series, in Labels labels, long timestampMs, FloatHistogram histogram)
        {
            ArgumentNullException.ThrowIfNull(histogram);
            if (!storage.EnableNativeHistograms)
            {
                return AppendStatus.NativeHistogramsDisabled;
            }

            return histogram.TryValidate(out _)
                ? AppendSample(ref series, labels, SeriesSample.Of(timestampMs, histogram.Copy()))
                : AppendStatus.InvalidSample;
        }

        public AppendStatus AppendExemplar(SeriesRef series, in Labels labels, in Exemplar exemplar)
        {
            ThrowIfDone();
            if (!storage.EnableExemplars)
            {
                return AppendStatus.ExemplarsDisabled;
            }

            if (!ExemplarLimits.LabelsFit(exemplar.Labels))
            {
                return AppendStatus.ExemplarLabelLength;
            }

            MemSeries? s;
            Exemplar? last = null;
            lock (storage._lock)
            {
                s = storage.FindLocked(series, labels);
                if (s is null)
                {
                    return AppendStatus.NotFound;
                }

                if (_lastPendingExemplar.TryGetValue(s, out var pending))
                {
                    last = pending;
                }
                else if (s.Exemplars is { Count: > 0 } list)
                {
                    last = list[^1];
                }
            }

            if (last is { } newest)
            {
                // As the exemplar storage: an identical exemplar is a duplicate; otherwise it must be strictly newer.
                if (newest.Equals(exemplar))
                {
                    return AppendStatus.DuplicateExemplar;
                }

                if (exemplar.TimestampMs <= newest.TimestampMs)
                {
                    return AppendStatus.OutOfOrderExemplar;
                }
            }

            _exemplars.Add((s, exemplar));
            _lastPendingExemplar[s] = exemplar;
            return AppendStatus.Ok;
        }

        public void UpdateMetadata(SeriesRef series, in Labels labels, in Metadata metadata)
        {
            ThrowIfDone();
            MemSeries? s;
            lock (storage._lock)
            {
                s = storage.FindLocked(series, labels);
            }

            if (s is not null)
            {
                _metadata.Add((s, metadata));
            }
        }

        public void Commit()
        {
            ThrowIfDone();
            _done = true;
            var window = storage.OutOfOrderTimeWindowMs;
            lock (storage._lock)
            {
                foreach (var (s, sample) in _samples)
                {
                    var t = sample.TimestampMs;
                    if (s.Count == 0 || t > s.MaxTimeMs)
                    {
                        s.Add(sample);
                    }
                    else if (window > 0)
                    {
                        var i = s.IndexOf(t);
                        if (i == s.Count || s[i].TimestampMs != t)
                        {
                            s.Insert(i, sample);
                        }
                    }

                    // Otherwise another batch committed a newer or equal sample since validation: dropped.
                    if (t > storage._maxTimeMs)
                    {
                        storage._maxTimeMs = t;
                    }
                }

                foreach (var (s, exemplar) in _exemplars)
                {
                    (s.Exemplars ??= []).Add(exemplar);
                }

                foreach (var (s, metadata) in _metadata)
                {
                    s.Metadata = metadata;
                }
            }

            Clear();
        }

        public void Rollback()
        {
            ThrowIfDone();
            _done = true;
            Clear();
        }

        private AppendStatus AppendSample(ref SeriesRef series, in Labels labels, in SeriesSample sample)
        {
            ThrowIfDone();
            var t = sample.TimestampMs;
            var window = storage.OutOfOrderTimeWindowMs;
            if (window <= 0 && t < storage.MinValidTimeMs)
            {
                return AppendStatus.OutOfBounds;
            }

            MemSeries s;
            lock (storage._lock)
            {
                if (!series.IsSet && labels.IsEmpty)
                {
                    return AppendStatus.InvalidLabels;
                }

                var found = storage.FindLocked(series, labels);
                if (found is null)
                {
                    if (labels.IsEmpty)
                    {
                        return AppendStatus.InvalidLabels;
                    }

                    found = storage.GetOrCreateLocked(SeriesRef.None, labels);
                }

                s = found;
                series = new SeriesRef(s.Ref);

                var hasLast = _lastPending.TryGetValue(s, out var last);
                if (!hasLast && s.Count > 0)
                {
                    last = s.Last;
                    hasLast = true;
                }

                if (hasLast && t <= last.TimestampMs)
                {
                    if (t == last.TimestampMs)
                    {
                        // Same timestamp: the same sample again is a harmless no-op (a re-sent scrape), anything else conflicts.
                        return MemSeries.SameSample(last, sample) ? AppendStatus.Ok : AppendStatus.DuplicateTimestamp;
                    }

                    if (window <= 0)
                    {
                        return AppendStatus.OutOfOrder;
                    }

                    if (t < storage._maxTimeMs - window)
                    {
                        return AppendStatus.TooOld;
                    }

                    var i = s.IndexOf(t);
                    if (i < s.Count && s[i].TimestampMs == t)
                    {
                        return MemSeries.SameSample(s[i], sample) ? AppendStatus.Ok : AppendStatus.DuplicateTimestamp;
                    }

                    _samples.Add((s, sample));
                    return AppendStatus.Ok;
                }
            }

            _samples.Add((s, sample));
            _lastPending[s] = sample;
            return AppendStatus.Ok;
        }

        private void Clear()
        {
            _samples.Clear();
            _lastPending.Clear();
            _exemplars.Clear();
            _lastPendingExemplar.Clear();
            _metadata.Clear();
        }

        private void ThrowIfDone()
        {
            if (_done)
            {
                throw new InvalidOperationException("The appender was already committed or rolled back.");
            }
        }
    }
}
