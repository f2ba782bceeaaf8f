using Pharos.Client.Exposition;

namespace Pharos.Client;

/// <summary>
/// Counts observations into cumulative buckets and tracks their sum and count. The family's own methods act on the
/// unlabelled series; <c>le</c> is a reserved label name.
/// </summary>
public sealed class Histogram : Metric<Histogram.Child>
{
    // client_golang switches from a linear scan to binary search at this many bounds.
    private const int LinearSearchLimit = 35;

    private readonly double[] _upperBounds;

    internal Histogram(string name, string help, HistogramOptions options, TimeProvider timeProvider)
        : base(name, help, options.LabelNames, MetricType.Histogram, options.Unit, timeProvider, "le")
    {
        _upperBounds = Buckets.Normalize(options.Buckets, name);
        InitializeUnlabelled();
    }

    /// <summary>The bucket upper bounds, +Inf last.</summary>
    public IReadOnlyList<double> UpperBounds => _upperBounds;

    /// <summary>Observes a value on the unlabelled series.</summary>
    /// <param name="value">The observed value.</param>
    public void Observe(double value) => Unlabelled.Observe(value);

    /// <summary>Observes a value on the unlabelled series and records an exemplar on its bucket.</summary>
    /// <param name="value">The observed value.</param>
    /// <param name="exemplar">Exemplar labels such as a trace id; empty records none.</param>
    public void Observe(double value, ExemplarLabels exemplar) => Unlabelled.Observe(value, exemplar);

    /// <summary>Starts a timer that observes the elapsed seconds on the unlabelled series when disposed.</summary>
    /// <returns>The running timer.</returns>
    public MetricTimer NewTimer() => Unlabelled.NewTimer();

    internal override bool HasSameShape(Metric other) =>
        base.HasSameShape(other) && ((Histogram)other)._upperBounds.AsSpan().SequenceEqual(_upperBounds);

    private protected override Child CreateChild(LabelSet labels) => new(this, labels);

    private protected override void CollectChild(MetricWriter writer, Child child)
    {
        Span<long> cumulative = _upperBounds.Length <= 64 ? stackalloc long[_upperBounds.Length] : new long[_upperBounds.Length];
        var sum = child.Snapshot(cumulative);
        writer.WriteHistogram(child.Labels, _upperBounds, cumulative, sum, child.Exemplars, child.CreatedSeconds, null);
    }

    /// <summary>
    /// One histogram series. Observing is lock-free: a bucket search, one interlocked increment and a
    /// compare-and-swap on the sum. The count is not stored: it is derived from the buckets when collected, so every
    /// exposition has <c>_count</c> equal to the <c>+Inf</c> bucket.
    /// </summary>
    public sealed class Child : MetricChild, IObserver
    {
        private readonly double[] _upperBounds;
        private readonly long[] _counts;
        private readonly Exemplar?[] _exemplars;
        private AtomicDouble _sum;

        internal Child(Histogram parent, LabelSet labels)
            : base(parent, labels)
        {
            _upperBounds = parent._upperBounds;
            _counts = new long[_upperBounds.Length];
            _exemplars = new Exemplar?[_upperBounds.Length];
        }

        /// <summary>The number of observations so far.</summary>
        public long Count
        {
            get
            {
                long total = 0;
                foreach (ref var c in _counts.AsSpan())
                {
                    total += Volatile.Read(ref c);
                }

                return total;
            }
        }

        /// <summary>The sum of observations so far.</summary>
        public double Sum => _sum.Value;

        internal ReadOnlySpan<Exemplar?> Exemplars => _exemplars;

        /// <summary>Observes a value.</summary>
        /// <param name="value">The observed value; NaN lands in the +Inf bucket and makes the sum NaN, as upstream.</param>
        public void Observe(double value)
        {
            Interlocked.Increment(ref _counts[FindBucket(value)]);
            _sum.Add(value);
        }

        /// <summary>Observes a value and records an exemplar on its bucket.</summary>
        /// <param name="value">The observed value.</param>
        /// <param name="exemplar">Exemplar labels such as a trace id; empty records none.</param>
        public void Observe(double value, ExemplarLabels exemplar)
        {
            var bucket = FindBucket(value);
            Interlocked.Increment(ref _counts[bucket]);
            _sum.Add(value);
            if (!exemplar.IsEmpty)
            {
                Volatile.Write(ref _exemplars[bucket], Exemplar.Create(exemplar, value, Parent.TimeProvider));
            }
        }

        /// <summary>Starts a timer that observes the elapsed seconds when disposed.</summary>
        /// <returns>The running timer.</returns>
        public MetricTimer NewTimer() => new(this);

        /// <summary>Reads cumulative bucket counts into <paramref name="cumulative"/> and returns the sum.</summary>
        internal double Snapshot(Span<long> cumulative)
        {
            long running = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                running += Volatile.Read(ref _counts[i]);
                cumulative[i] = running;
            }

            return _sum.Value;
        }

        private int FindBucket(double value)
        {
            var bounds = _upperBounds;
            if (bounds.Length < LinearSearchLimit)
            {
                // `value <= bound` is false for NaN, so NaN walks to the last (+Inf) bucket as upstream.
                var i = 0;
                while (i < bounds.Length - 1 && !(value <= bounds[i]))
                {
                    i++;
                }

                return i;
            }

            if (double.IsNaN(value))
            {
                return bounds.Length - 1;
            }

            var index = Array.BinarySearch(bounds, value);
            return index >= 0 ? index : ~index;
        }
    }
}
