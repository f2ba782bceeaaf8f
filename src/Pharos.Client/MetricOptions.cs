namespace Pharos.Client;

/// <summary>Options shared by every metric type.</summary>
public class MetricOptions
{
    /// <summary>The label names of the family; empty for a single unlabelled series.</summary>
    public IReadOnlyList<string>? LabelNames { get; init; }

    /// <summary>
    /// The unit, for example <c>seconds</c> or <c>bytes</c>. It is appended to the name when the name does not
    /// already end with it, and exposed on the OpenMetrics <c># UNIT</c> line.
    /// </summary>
    public string? Unit { get; init; }
}
