using Pharos.Model;

namespace Pharos.Tsdb.Record;

/// <summary>Metric metadata of a series (Prometheus <c>RefMetadata</c>).</summary>
/// <param name="Ref">The head series reference.</param>
/// <param name="Type">The metric type; stored as its byte value, which matches upstream's numbering.</param>
/// <param name="Unit">The unit, or empty.</param>
/// <param name="Help">The help text, or empty.</param>
public readonly record struct RefMetadata(ulong Ref, MetricType Type, string Unit, string Help);
