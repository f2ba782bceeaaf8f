using Pharos.Client.Exposition;

namespace Pharos.Client;

/// <summary>
/// A value of unknown type: <c>untyped</c> in the Prometheus text format, <c>unknown</c> in OpenMetrics. Prefer a
/// counter or gauge; this exists for bridging values whose semantics are not known.
/// </summary>
public sealed class Untyped : Metric<Untyped.Child>
{
    internal Untyped(string name, string help, MetricOptions options, TimeProvider timeProvider)
        : base(name, help, options.LabelNames, MetricType.Unknown, options.Unit, timeProvider)
    {
        InitializeUnlabelled();
    }

    /// <summary>The current value of the unlabelled series.</summary>
    public double Value => Unlabelled.Value;

    /// <summary>Sets the unlabelled series.</summary>
    /// <param name="value">The new value.</param>
    public void Set(double value) => Unlabelled.Set(value);

    private protected override Child CreateChild(LabelSet labels) => new(this, labels);

    private protected override void CollectChild(MetricWriter writer, Child child) => writer.WriteGauge(child.Labels, child.Value, null);

    /// <summary>One untyped series. Thread-safe.</summary>
    public sealed class Child : MetricChild
    {
        private AtomicDouble _value;

        internal Child(Untyped parent, LabelSet labels)
            : base(parent, labels)
        {
        }

        /// <summary>The current value.</summary>
        public double Value => _value.Value;

        /// <summary>Sets the value.</summary>
        /// <param name="value">The new value.</param>
        public void Set(double value) => _value.Set(value);
    }
}
