namespace Pharos.Client;

/// <summary>Options for <see cref="Histogram"/>.</summary>
public sealed class HistogramOptions : MetricOptions
{
    /// <summary>
    /// Bucket upper bounds in strictly increasing order; +Inf is added when missing. Defaults to
    /// <see cref="Client.Buckets.Default"/>. See <see cref="Client.Buckets.Linear"/> and <see cref="Client.Buckets.Exponential"/>.
    /// </summary>
    public IReadOnlyList<double>? Buckets { get; init; }
}
