namespace Pharos.Client;

/// <summary>Options for <see cref="Gauge"/>.</summary>
public sealed class GaugeOptions : MetricOptions
{
}
