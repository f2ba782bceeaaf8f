using Pharos.Client.Exposition;
using Pharos.Client.Quantiles;

namespace Pharos.Client;

/// <summary>
/// Tracks the sum and count of observations and, when objectives are given, streaming quantile estimates over a
/// sliding window of <see cref="SummaryOptions.MaxAge"/> split into <see cref="SummaryOptions.AgeBuckets"/>, as
/// client_golang's summary. <c>quantile</c> is a reserved label name. Prefer a <see cref="Histogram"/> when the
/// values must be aggregated across instances: quantiles cannot be.
/// </summary>
public sealed class Summary : Metric<Summary.Child>
{
    private readonly QuantileEpsilonPair[] _objectives;
    private readonly double[] _quantiles;
    private readonly TimeSpan _maxAge;
    private readonly int _ageBuckets;
    private readonly int _bufferCapacity;

    internal Summary(string name, string help, SummaryOptions options, TimeProvider timeProvider)
        : base(name, help, options.LabelNames, MetricType.Summary, options.Unit, timeProvider, "quantile")
    {
        _objectives = [.. (options.Objectives ?? []).OrderBy(o => o.Quantile)];
        foreach (var (quantile, epsilon) in _objectives)
        {
            if (!(quantile > 0 && quantile < 1) || !(epsilon >= 0 && epsilon < 1))
            {
                MetricNames.ThrowInvalid($"Summary '{name}' objective ({quantile}, {epsilon}) is out of range: the quantile must be in (0, 1) and the error in [0, 1).", nameof(options));
            }
        }

        _quantiles = [.. _objectives.Select(o => o.Quantile)];
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxAge, TimeSpan.Zero, nameof(options.MaxAge));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.AgeBuckets, 1, nameof(options.AgeBuckets));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferCapacity, 1, nameof(options.BufferCapacity));
        _maxAge = options.MaxAge;
        _ageBuckets = options.AgeBuckets;
        _bufferCapacity = options.BufferCapacity;
        InitializeUnlabelled();
    }

    /// <summary>The tracked quantiles and their allowed errors, in increasing quantile order.</summary>
    public IReadOnlyList<QuantileEpsilonPair> Objectives => _objectives;

    /// <summary>Observes a value on the unlabelled series.</summary>
    /// <param name="value">The observed value.</param>
    public void Observe(double value) => Unlabelled.Observe(value);

    /// <summary>Starts a timer that observes the elapsed seconds on the unlabelled series when disposed.</summary>
    /// <returns>The running timer.</returns>
    public MetricTimer NewTimer() => Unlabelled.NewTimer();

    internal override bool HasSameShape(Metric other) =>
        base.HasSameShape(other) && ((Summary)other)._objectives.SequenceEqual(_objectives);

    private protected override Child CreateChild(LabelSet labels) => new(this, labels);

    private protected override void CollectChild(MetricWriter writer, Child child)
    {
        Span<double> values = _quantiles.Length <= 32 ? stackalloc double[_quantiles.Length] : new double[_quantiles.Length];
        child.Snapshot(values, out var count, out var sum);
        writer.WriteSummary(child.Labels, _quantiles, values, count, sum, child.CreatedSeconds, null);
    }

    /// <summary>
    /// One summary series. Observations go to a buffer under a lock and are merged into one quantile stream per
    /// age bucket when the buffer fills or the series is read; every stream sees every observation, the oldest
    /// (covering the whole window) answers queries, and it is reset and becomes the newest when its time is up.
    /// </summary>
    public sealed class Child : MetricChild, IObserver
    {
        private readonly Summary _summary;
        private readonly Lock _lock = new();
        private readonly TargetedQuantileStream[] _streams;
        private readonly double[] _buffer;
        private readonly TimeSpan _streamDuration;
        private int _buffered;
        private int _head;
        private DateTimeOffset _headExpiry;
        private long _count;
        private double _sum;

        internal Child(Summary parent, LabelSet labels)
            : base(parent, labels)
        {
            _summary = parent;
            var tracked = parent._objectives.Length > 0;
            _streams = tracked ? [.. Enumerable.Range(0, parent._ageBuckets).Select(_ => new TargetedQuantileStream(parent._objectives))] : [];
            _buffer = tracked ? new double[parent._bufferCapacity] : [];
            _streamDuration = parent._maxAge / parent._ageBuckets;
            _headExpiry = parent.TimeProvider.GetUtcNow() + _streamDuration;
        }

        /// <summary>The number of observations so far (all time, not windowed).</summary>
        public long Count
        {
            get
            {
                lock (_lock)
                {
                    return _count;
                }
            }
        }

        /// <summary>The sum of observations so far (all time, not windowed).</summary>
        public double Sum
        {
            get
            {
                lock (_lock)
                {
                    return _sum;
                }
            }
        }

        /// <summary>Observes a value.</summary>
        /// <param name="value">The observed value.</param>
        public void Observe(double value)
        {
            lock (_lock)
            {
                _count++;
                _sum += value;
                if (_streams.Length == 0)
                {
                    return;
                }

                // As client_golang: values buffered before the head stream expired are merged before it rotates.
                var now = Parent.TimeProvider.GetUtcNow();
                if (now >= _headExpiry)
                {
                    Flush(now);
                }

                _buffer[_buffered++] = value;
                if (_buffered == _buffer.Length)
                {
                    Flush(now);
                }
            }
        }

        /// <summary>Starts a timer that observes the elapsed seconds when disposed.</summary>
        /// <returns>The running timer.</returns>
        public MetricTimer NewTimer() => new(this);

        /// <summary>Returns the current estimate of <paramref name="quantile"/> over the window, or NaN without data.</summary>
        /// <param name="quantile">One of the configured objectives' quantiles (others are answered with the same algorithm, without a guarantee).</param>
        /// <returns>The estimate.</returns>
        public double GetQuantile(double quantile)
        {
            lock (_lock)
            {
                if (_streams.Length == 0)
                {
                    return double.NaN;
                }

                Flush(Parent.TimeProvider.GetUtcNow());
                return _streams[_head].Query(quantile);
            }
        }

        internal void Snapshot(Span<double> values, out long count, out double sum)
        {
            lock (_lock)
            {
                count = _count;
                sum = _sum;
                if (_streams.Length == 0)
                {
                    return;
                }

                Flush(Parent.TimeProvider.GetUtcNow());
                var stream = _streams[_head];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = stream.Query(_summary._quantiles[i]);
                }
            }
        }

        /// <summary>Merges the buffered observations into every stream, then expires streams whose time is up.</summary>
        private void Flush(DateTimeOffset now)
        {
            if (_buffered > 0)
            {
                var batch = _buffer.AsSpan(0, _buffered);
                batch.Sort();
                foreach (var stream in _streams)
                {
                    stream.InsertSorted(batch);
                }

                _buffered = 0;
            }

            Rotate(now);
        }

        private void Rotate(DateTimeOffset now)
        {
            if (now < _headExpiry)
            {
                return;
            }

            if (now - _headExpiry >= _summary._maxAge)
            {
                // Idle for longer than the whole window: everything has expired.
                foreach (var stream in _streams)
                {
                    stream.Reset();
                }

                _headExpiry = now + _streamDuration;
                return;
            }

            while (now >= _headExpiry)
            {
                _streams[_head].Reset();
                _head = (_head + 1) % _streams.Length;
                _headExpiry += _streamDuration;
            }
        }
    }
}
