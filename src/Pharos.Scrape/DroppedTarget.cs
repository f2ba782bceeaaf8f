using Pharos.Model;

namespace Pharos.Scrape;

/// <summary>A target that target relabeling dropped, as <c>/api/v1/targets</c>' <c>droppedTargets</c>. Immutable.</summary>
/// <param name="ScrapePool">The pool (job name) that dropped it.</param>
/// <param name="DiscoveredLabels">The labels as discovered, before target relabeling.</param>
public sealed record DroppedTarget(string ScrapePool, Labels DiscoveredLabels);
