using Pharos.Exposition.Model;

namespace Pharos.Pushgateway;

/// <summary>A push (PUT/POST) or deletion (DELETE) of one group.</summary>
/// <param name="Key">The grouping key.</param>
/// <param name="Families">The pushed families by name; null for a deletion.</param>
/// <param name="Replace">True for PUT (the whole group is replaced), false for POST (same-named families only).</param>
/// <param name="Ttl">The group's time to live from this push (<c>X-Pushgateway-TTL</c>), or null for the default.</param>
public sealed record WriteRequest(
    GroupingKey Key,
    IReadOnlyDictionary<string, MetricFamily>? Families,
    bool Replace,
    TimeSpan? Ttl = null);
