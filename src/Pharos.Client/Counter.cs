using Pharos.Client.Exposition;

namespace Pharos.Client;

/// <summary>
/// A monotonically increasing counter. Name it with a <c>_total</c> suffix (OpenMetrics output strips and re-adds
/// it as client_golang does). The family's own methods act on the unlabelled series; use
/// <see cref="Metric{TChild}.WithLabels"/> for labelled ones.
/// </summary>
public sealed class Counter : Metric<Counter.Child>
{
    internal Counter(string name, string help, CounterOptions options, TimeProvider timeProvider)
        : base(name, help, options.LabelNames, MetricType.Counter, options.Unit, timeProvider)
    {
        InitializeUnlabelled();
    }

    /// <summary>The current value of the unlabelled series.</summary>
    public double Value => Unlabelled.Value;

    /// <summary>Adds one to the unlabelled series.</summary>
    public void Inc() => Unlabelled.Inc();

    /// <summary>Adds <paramref name="increment"/> to the unlabelled series.</summary>
    /// <param name="increment">A non-negative amount.</param>
    public void Inc(double increment) => Unlabelled.Inc(increment);

    /// <summary>Adds <paramref name="increment"/> to the unlabelled series and records an exemplar.</summary>
    /// <param name="increment">A non-negative amount.</param>
    /// <param name="exemplar">Exemplar labels such as a trace id; empty records none.</param>
    public void Inc(double increment, ExemplarLabels exemplar) => Unlabelled.Inc(increment, exemplar);

    private protected override Child CreateChild(LabelSet labels) => new(this, labels);

    private protected override void CollectChild(MetricWriter writer, Child child) =>
        writer.WriteCounter(child.Labels, child.Value, child.LastExemplar, child.CreatedSeconds, null);

    /// <summary>One counter series. Thread-safe and lock-free.</summary>
    public sealed class Child : MetricChild
    {
        // As client_golang's counter: whole increments go to an integer cell (one Interlocked.Add, no CAS loop);
        // fractional ones to a double cell updated by compare-and-swap. The value is their sum.
        private long _whole;
        private AtomicDouble _fraction;
        private Exemplar? _exemplar;

        internal Child(Counter parent, LabelSet labels)
            : base(parent, labels)
        {
        }

        /// <summary>The current value.</summary>
        public double Value => Volatile.Read(ref _whole) + _fraction.Value;

        internal Exemplar? LastExemplar => Volatile.Read(ref _exemplar);

        /// <summary>Adds one.</summary>
        public void Inc() => Interlocked.Increment(ref _whole);

        /// <summary>Adds <paramref name="increment"/>.</summary>
        /// <param name="increment">A non-negative amount.</param>
        /// <exception cref="ArgumentOutOfRangeException">The increment is negative or NaN.</exception>
        public void Inc(double increment)
        {
            if (!(increment >= 0))
            {
                ThrowNegative(increment);
            }

            var whole = (long)increment;
            if (whole == increment && whole < (1L << 53))
            {
                Interlocked.Add(ref _whole, whole);
            }
            else
            {
                _fraction.Add(increment);
            }
        }

        /// <summary>Adds <paramref name="increment"/> and records an exemplar (OpenMetrics and protobuf expose the latest).</summary>
        /// <param name="increment">A non-negative amount.</param>
        /// <param name="exemplar">Exemplar labels such as a trace id; empty records none.</param>
        public void Inc(double increment, ExemplarLabels exemplar)
        {
            Inc(increment);
            if (!exemplar.IsEmpty)
            {
                Volatile.Write(ref _exemplar, Exemplar.Create(exemplar, increment, Parent.TimeProvider));
            }
        }

        private static void ThrowNegative(double increment) =>
            throw new ArgumentOutOfRangeException(nameof(increment), increment, "A counter can only increase.");
    }
}
