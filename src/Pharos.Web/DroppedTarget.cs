using Pharos.Model;

namespace Pharos.Web;

/// <summary>A target relabeling dropped.</summary>
/// <param name="DiscoveredLabels">The labels before relabeling.</param>
/// <param name="ScrapePool">The scrape pool.</param>
public sealed record DroppedTarget(Labels DiscoveredLabels, string ScrapePool);
