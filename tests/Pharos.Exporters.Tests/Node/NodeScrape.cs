using System.Text;
using Pharos.Client;
using Pharos.Exporters.Node;

namespace Pharos.Exporters.Tests.Node;

/// <summary>Runs collectors through a real registry and returns the text exposition, as <c>/metrics</c> would.</summary>
internal static class NodeScrape
{
    public static string FixtureRoot => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static NodePaths FixturePaths(string tree = "basic") =>
        new(Path.Combine(FixtureRoot, tree, "proc"), Path.Combine(FixtureRoot, tree, "sys"), Path.Combine(FixtureRoot, tree, "root"), Path.Combine(FixtureRoot, tree, "udev"));

    public static string Text(params INodeCollector[] collectors)
    {
        var registry = new MetricRegistry();
        registry.Register(new NodeScraper(collectors));
        return Encoding.UTF8.GetString(registry.ToArray());
    }

    /// <summary>The exposition without the per-collector duration lines, whose values vary.</summary>
    public static string Stable(params INodeCollector[] collectors) =>
        string.Join('\n', Text(collectors).Split('\n').Where(l => !l.StartsWith("node_scrape_collector_duration_seconds{", StringComparison.Ordinal)));

    /// <summary>The sample lines (no comments) of <paramref name="exposition"/>.</summary>
    public static string[] Samples(string exposition) =>
        [.. exposition.Split('\n').Where(l => l.Length > 0 && l[0] != '#' && !l.StartsWith("node_scrape_collector_", StringComparison.Ordinal))];

    public static INodeCollector Create(string name, NodeCollectorOptions? options = null) =>
        NodeCollectorCatalog.Create(name, options ?? new NodeCollectorOptions { Paths = FixturePaths() });
}
