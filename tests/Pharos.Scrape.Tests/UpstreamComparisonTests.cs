using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Config;
using Pharos.Discovery;
using Pharos.Model;
using Pharos.Storage;
using Pharos.Testing;
using Pharos.Testing.Peers;

namespace Pharos.Scrape.Tests;

/// <summary>
/// Scrapes Debian's node exporter and pushgateway with our manager and with a real Prometheus, same config, same
/// time, and compares the series each stored.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class UpstreamComparisonTests
{
    [Fact]
    public async Task Node_exporter_and_pushgateway_series_match_what_prometheus_stores()
    {
        await using var node = await NodeExporterPeer.StartAsync();
        await using var pushgateway = await PushgatewayPeer.StartAsync();
        var pushgatewayAddress = $"127.0.0.1:{pushgateway.BaseAddress.Port}";
        using (var http = new HttpClient())
        {
            using var push = new StringContent("pushed_metric{kind=\"a\"} 1\npushed_metric{kind=\"b\"} 2\n");
            (await http.PutAsync(new Uri(pushgateway.BaseAddress, "metrics/job/batch/instance/i1"), push)).EnsureSuccessStatusCode();
        }

        var yaml = $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: node
                static_configs:
                  - targets: ['{node.Target}']
              - job_name: pushgateway
                honor_labels: true
                static_configs:
                  - targets: ['{pushgatewayAddress}']
            """;
        var start = DateTimeOffset.UtcNow;
        await using var prometheus = await PrometheusPeer.StartAsync(yaml);
        var storage = new MemoryStorage();
        await using (var manager = new ScrapeManager(storage, new ScrapeManagerOptions(), TimeProvider.System, NullLoggerFactory.Instance))
        {
            manager.ApplyConfig(ConfigLoader.Load(yaml));
            manager.UpdateTargets(new Dictionary<string, IReadOnlyList<DiscoveredTargetGroup>>
            {
                ["node"] = [new DiscoveredTargetGroup("0", [Labels.FromStrings("__address__", node.Target)], Labels.Empty)],
                ["pushgateway"] = [new DiscoveredTargetGroup("0", [Labels.FromStrings("__address__", pushgatewayAddress)], Labels.Empty)],
            });
            await Task.Delay(TimeSpan.FromSeconds(8));
            Assert.All(manager.ActiveTargets(), t => Assert.Equal(TargetHealth.Up, t.Health));
        }

        var end = DateTimeOffset.UtcNow;
        var theirs = await PrometheusSeriesAsync(prometheus, start, end);
        var ours = OurSeries(storage);

        foreach (var job in new[] { "node", "pushgateway" })
        {
            var theirJob = theirs.Where(s => s.Get("job") == job || (job == "pushgateway" && s.Get("instance") == pushgatewayAddress)).Select(s => s.ToString()).ToHashSet();
            var ourJob = ours.Where(s => s.Get("job") == job || (job == "pushgateway" && s.Get("instance") == pushgatewayAddress)).Select(s => s.ToString()).ToHashSet();
            Assert.NotEmpty(theirJob);
            Assert.Equal(Names(theirJob), Names(ourJob));
            // The report series must be identical; the exporter's own series may differ by the odd series that
            // appeared between two scrapes, so allow for a sliver of churn.
            var report = new[] { "up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added" };
            Assert.Equal(
                theirJob.Where(s => report.Any(r => s.StartsWith($"{{__name__=\"{r}\"", StringComparison.Ordinal))).Order(StringComparer.Ordinal),
                ourJob.Where(s => report.Any(r => s.StartsWith($"{{__name__=\"{r}\"", StringComparison.Ordinal))).Order(StringComparer.Ordinal));
            var common = theirJob.Intersect(ourJob).Count();
            var union = theirJob.Union(ourJob).Count();
            Assert.True(common >= union * 0.98, $"{job}: only {common} of {union} series in common; ours only: {string.Join(", ", ourJob.Except(theirJob).Take(5))}; theirs only: {string.Join(", ", theirJob.Except(ourJob).Take(5))}");
        }

        Assert.Contains(ours, s => s.Get("__name__") == "pushed_metric" && s.Get("job") == "batch" && s.Get("instance") == "i1");
    }

    private static string[] Names(HashSet<string> series) =>
        [.. series.Select(s => s[..s.IndexOf(',', StringComparison.Ordinal)]).Distinct().Order(StringComparer.Ordinal)];

    private static List<Labels> OurSeries(MemoryStorage storage)
    {
        var result = new List<Labels>();
        using var querier = storage.CreateQuerier(long.MinValue, long.MaxValue);
        var set = querier.Select(false, null, new Matcher(Pharos.Model.MatchType.Regex, "__name__", ".+"));
        while (set.Next())
        {
            result.Add(set.Current.Labels);
        }

        return result;
    }

    private static async Task<List<Labels>> PrometheusSeriesAsync(PrometheusPeer prometheus, DateTimeOffset start, DateTimeOffset end)
    {
        using var http = new HttpClient { BaseAddress = prometheus.BaseAddress };
        var url = $"api/v1/series?match[]={Uri.EscapeDataString("{__name__=~\".+\"}")}&start={start.ToUnixTimeSeconds()}&end={end.ToUnixTimeSeconds()}";
        using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri(url, UriKind.Relative)));
        var result = new List<Labels>();
        foreach (var series in doc.RootElement.GetProperty("data").EnumerateArray())
        {
            var pairs = new List<string>();
            foreach (var p in series.EnumerateObject())
            {
                pairs.Add(p.Name);
                pairs.Add(p.Value.GetString()!);
            }

            result.Add(Labels.FromStrings([.. pairs]));
        }

        return result;
    }
}
