namespace Pharos.Client;

/// <summary>Options for <see cref="Counter"/>.</summary>
public sealed class CounterOptions : MetricOptions
{
}
