using Pharos.Exposition.Model;

namespace Pharos.Pushgateway;

/// <summary>A pushed metric family with the time of the push that stored it. Immutable once stored.</summary>
/// <param name="Family">The family, its points already carrying the grouping labels.</param>
/// <param name="Timestamp">When the push that stored it arrived.</param>
public sealed record StoredFamily(MetricFamily Family, DateTimeOffset Timestamp);
