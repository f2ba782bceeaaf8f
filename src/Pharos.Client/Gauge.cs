using Pharos.Client.Exposition;

namespace Pharos.Client;

/// <summary>A value that can go up and down. The family's own methods act on the unlabelled series.</summary>
public sealed class Gauge : Metric<Gauge.Child>
{
    internal Gauge(string name, string help, GaugeOptions options, TimeProvider timeProvider)
        : base(name, help, options.LabelNames, MetricType.Gauge, options.Unit, timeProvider)
    {
        InitializeUnlabelled();
    }

    /// <summary>The current value of the unlabelled series.</summary>
    public double Value => Unlabelled.Value;

    /// <summary>Adds one (or <paramref name="amount"/>) to the unlabelled series.</summary>
    /// <param name="amount">The amount to add.</param>
    public void Inc(double amount = 1) => Unlabelled.Inc(amount);

    /// <summary>Subtracts one (or <paramref name="amount"/>) from the unlabelled series.</summary>
    /// <param name="amount">The amount to subtract.</param>
    public void Dec(double amount = 1) => Unlabelled.Dec(amount);

    /// <summary>Sets the unlabelled series.</summary>
    /// <param name="value">The new value.</param>
    public void Set(double value) => Unlabelled.Set(value);

    /// <summary>Sets the unlabelled series to the current Unix time in seconds.</summary>
    public void SetToCurrentTime() => Unlabelled.SetToCurrentTime();

    /// <summary>Increments the unlabelled series now and decrements it when the returned value is disposed.</summary>
    /// <returns>A tracker to dispose when the work ends, typically with <c>using</c>.</returns>
    public InProgressTracker TrackInProgress() => Unlabelled.TrackInProgress();

    private protected override Child CreateChild(LabelSet labels) => new(this, labels);

    private protected override void CollectChild(MetricWriter writer, Child child) => writer.WriteGauge(child.Labels, child.Value, null);

    /// <summary>One gauge series. Thread-safe and lock-free.</summary>
    public sealed class Child : MetricChild
    {
        private AtomicDouble _value;

        internal Child(Gauge parent, LabelSet labels)
            : base(parent, labels)
        {
        }

        /// <summary>The current value.</summary>
        public double Value => _value.Value;

        /// <summary>Adds one (or <paramref name="amount"/>).</summary>
        /// <param name="amount">The amount to add.</param>
        public void Inc(double amount = 1) => _value.Add(amount);

        /// <summary>Subtracts one (or <paramref name="amount"/>).</summary>
        /// <param name="amount">The amount to subtract.</param>
        public void Dec(double amount = 1) => _value.Add(-amount);

        /// <summary>Sets the value.</summary>
        /// <param name="value">The new value.</param>
        public void Set(double value) => _value.Set(value);

        /// <summary>Sets the value to the current Unix time in seconds, read from the registry's clock.</summary>
        public void SetToCurrentTime() => _value.Set(Parent.NowSeconds());

        /// <summary>Increments now and decrements when the returned value is disposed.</summary>
        /// <returns>A tracker to dispose when the work ends, typically with <c>using</c>.</returns>
        public InProgressTracker TrackInProgress()
        {
            Inc();
            return new InProgressTracker(this);
        }
    }
}
