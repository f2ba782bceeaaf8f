using Pharos.Model;

namespace Pharos.Discovery;

/// <summary>
/// A group of targets found by one discovery mechanism, as upstream's <c>targetgroup.Group</c>: every target is a
/// label set holding at least <c>__address__</c> (and the mechanism's <c>__meta_*</c> labels), and the group's
/// labels apply to every target unless the target sets the same name itself.
/// </summary>
/// <param name="Source">Identifies the group within its provider; a later group with the same source replaces it.</param>
/// <param name="Targets">The targets' own labels.</param>
/// <param name="Labels">Labels shared by every target of the group.</param>
public sealed record DiscoveredTargetGroup(string Source, IReadOnlyList<Labels> Targets, Labels Labels);
