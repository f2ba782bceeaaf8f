using Pharos.Client.Exposition;

namespace Pharos.Client;

/// <summary>
/// A metric family: a name, help text, label names and type, plus its children (one per label value combination).
/// Create instances through <see cref="MetricRegistry"/> or <see cref="Metrics"/>; they are thread-safe.
/// </summary>
public abstract class Metric
{
    private protected Metric(string name, string help, IReadOnlyList<string>? labelNames, MetricType type, string? unit, TimeProvider timeProvider, params ReadOnlySpan<string> reservedLabels)
    {
        MetricNames.ValidateMetricName(name);
        ArgumentNullException.ThrowIfNull(help);
        if (unit is not null && unit.Length > 0 && !MetricNames.IsValidLabelName(unit))
        {
            MetricNames.ThrowInvalid($"'{unit}' is not a valid unit for metric '{name}'.", nameof(unit));
        }

        Family = new FamilyMetadata(name, help, type, unit);
        LabelNames = MetricNames.ValidateLabelNames(labelNames, name, reservedLabels);
        TimeProvider = timeProvider;
    }

    /// <summary>The family name as exposed in the Prometheus text format (a unit, when given, is part of it).</summary>
    public string Name => Family.Name;

    /// <summary>The help text.</summary>
    public string Help => Family.Help;

    /// <summary>The unit (OpenMetrics <c># UNIT</c>), or null.</summary>
    public string? Unit => Family.Unit;

    /// <summary>The metric type.</summary>
    public MetricType Type => Family.Type;

    /// <summary>The label names every child carries a value for, in order.</summary>
    public IReadOnlyList<string> LabelNames { get; }

    internal FamilyMetadata Family { get; }

    internal TimeProvider TimeProvider { get; }

    internal double NowSeconds() => TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>Encodes the family; writes nothing when the family has no children.</summary>
    internal abstract void Collect(MetricWriter writer);

    /// <summary>True when a registration request describes this same metric (used to return the existing instance).</summary>
    internal virtual bool HasSameShape(Metric other) =>
        other.GetType() == GetType() && other.Name == Name && other.LabelNames.SequenceEqual(LabelNames) && other.Unit == Unit;
}
