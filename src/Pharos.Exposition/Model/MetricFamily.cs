using Pharos.Model;

namespace Pharos.Exposition.Model;

/// <summary>
/// A metric family as exposed by a target: its name, metadata and points. This is the exchange model between the
/// parsers and the writers (a readable object graph, not a hot-path structure), equivalent to Prometheus's
/// <c>io.prometheus.client.MetricFamily</c> message extended with the OpenMetrics-only types and units.
/// </summary>
/// <remarks>
/// <see cref="Name"/> follows the protobuf convention: it is the name of the value samples. A counter is therefore
/// named with its <c>_total</c> suffix and an info metric with its <c>_info</c> suffix (the OpenMetrics writer strips
/// them for the <c># TYPE</c> line); histograms and summaries carry the base name without <c>_bucket</c>,
/// <c>_sum</c>, <c>_count</c>. Not thread-safe.
/// </remarks>
public sealed class MetricFamily : IEquatable<MetricFamily>
{
    /// <summary>Creates a family.</summary>
    /// <param name="name">The family name (see the remarks on <see cref="MetricFamily"/>).</param>
    /// <param name="type">The metric type.</param>
    /// <param name="help">The help text, unescaped; empty when none.</param>
    /// <param name="unit">The unit; empty when none.</param>
    public MetricFamily(string name, MetricType type, string help = "", string unit = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Type = type;
        Help = help;
        Unit = unit;
    }

    /// <summary>The family name.</summary>
    public string Name { get; set; }

    /// <summary>The metric type.</summary>
    public MetricType Type { get; set; }

    /// <summary>The help text, unescaped; empty when the exposition had none.</summary>
    public string Help { get; set; }

    /// <summary>Whether a <c># HELP</c> line was present (an empty help text is still written when true).</summary>
    public bool HasHelp { get; set; }

    /// <summary>The unit (OpenMetrics <c># UNIT</c>); empty when none.</summary>
    public string Unit { get; set; }

    /// <summary>The points, in exposition order.</summary>
    public List<MetricPoint> Points { get; } = [];

    /// <summary>Adds a point and returns this family, for initialisers.</summary>
    /// <param name="point">The point.</param>
    /// <returns>This family.</returns>
    public MetricFamily Add(MetricPoint point)
    {
        Points.Add(point);
        return this;
    }

    /// <inheritdoc />
    public bool Equals(MetricFamily? other) =>
        other is not null
        && Name == other.Name
        && Type == other.Type
        && Help == other.Help
        && Unit == other.Unit
        && Points.SequenceEqual(other.Points);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MetricFamily);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Type, Points.Count);

    /// <summary>A one-line description for test failure messages.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{Name} ({MetricTypes.ToName(Type)}, {Points.Count} points, help \"{Help}\", unit \"{Unit}\")";
}
