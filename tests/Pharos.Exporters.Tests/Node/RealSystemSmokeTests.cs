using Pharos.Exporters.Node;

namespace Pharos.Exporters.Tests.Node;

public sealed class RealSystemSmokeTests
{
    [Fact]
    public void Every_collector_runs_on_this_machine_within_the_scrape_budget()
    {
        var options = new NodeCollectorOptions();
        var collectors = NodeCollectorCatalog.Collectors.Select(c => NodeCollectorCatalog.Create(c.Name, options)).ToArray();
        NodeScrape.Text(collectors);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var text = NodeScrape.Text(collectors);
        watch.Stop();
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "pharos-node-scrape.txt"), text);
        Assert.Contains("node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"}", text, StringComparison.Ordinal);
        Assert.True(watch.ElapsedMilliseconds < 200, $"scrape took {watch.ElapsedMilliseconds} ms");
    }
}
