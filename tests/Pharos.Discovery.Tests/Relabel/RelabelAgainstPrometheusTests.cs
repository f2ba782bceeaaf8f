using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Pharos.Config;
using Pharos.Config.Discovery;
using Pharos.Discovery.File;
using Pharos.Model;
using Pharos.Model.Relabel;
using Pharos.Testing;
using Pharos.Testing.Peers;

namespace Pharos.Discovery.Tests.Relabel;

/// <summary>
/// The same file SD file and <c>relabel_configs</c> given to Debian's Prometheus and to our file discovery plus
/// relabeler: the discovered and final labels of active targets, and the discovered labels of dropped ones, agree.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class RelabelAgainstPrometheusTests : IDisposable
{
    private const string Targets = """
        [
          {"targets": ["10.0.0.1:9100", "10.0.0.2:9100", "db-1.Example.ORG:9187"], "labels": {"env": "prod", "team": "Core"}},
          {"targets": ["10.0.1.1:8080"], "labels": {"env": "dev", "__meta_role": "web", "__param_module": "http_2xx"}},
          {"targets": ["drop-me:1"], "labels": {"env": "prod", "skip": "yes"}},
          {"targets": ["10.0.2.1:9100"], "labels": {"env": "staging", "replica": "staging"}},
          {"targets": ["10.0.3.1:9100"], "labels": {"env": "prod", "__tmp_shard_override": "7"}}
        ]
        """;

    private const string RelabelConfigs = """
            relabel_configs:
              - source_labels: [skip]
                regex: 'yes'
                action: drop
              - source_labels: [env]
                regex: dev|prod|staging
                action: keep
              - source_labels: [replica]
                target_label: env
                action: dropequal
              - source_labels: [__address__]
                regex: '([^:]+):\d+'
                target_label: host
                replacement: '${1}'
              - source_labels: [host]
                target_label: host_lower
                action: lowercase
              - source_labels: [team]
                target_label: team_upper
                action: uppercase
              - source_labels: [__address__]
                modulus: 4
                target_label: __tmp_shard
                action: hashmod
              - source_labels: [__tmp_shard]
                target_label: shard
              - regex: __meta_(.+)
                action: labelmap
                replacement: meta_$1
              - source_labels: [env, missing]
                separator: '/'
                target_label: env_path
              - source_labels: [nothing]
                regex: '(.+)'
                target_label: never
                replacement: x
              - regex: team
                action: labeldrop
              - source_labels: [__param_module]
                target_label: module
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("pharos-relabel-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Labels_of_active_and_dropped_targets_match_prometheus()
    {
        var targetsFile = Path.Combine(_dir, "targets.json");
        System.IO.File.WriteAllText(targetsFile, Targets);
        var yaml = $"""
            global:
              scrape_interval: 1h
              scrape_timeout: 10s
            scrape_configs:
              - job_name: files
                file_sd_configs:
                  - files: ['{targetsFile}']
            {RelabelConfigs}
            """;

        var expected = await OursAsync(yaml);
        Assert.Equal(5, expected.Active.Count);
        Assert.Equal(2, expected.Dropped.Count);

        await using var prometheus = await PrometheusPeer.StartAsync(yaml);
        using var http = new HttpClient { BaseAddress = prometheus.BaseAddress };
        (List<(Labels Discovered, Labels Final)> Active, List<Labels> Dropped) actual = ([], []);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            actual = await TheirsAsync(http);
            if (actual.Active.Count + actual.Dropped.Count >= expected.Active.Count + expected.Dropped.Count)
            {
                break;
            }

            await Task.Delay(250);
        }

        foreach (var (ours, theirs) in expected.Active.Select(Show).Order().Zip(actual.Active.Select(Show).Order()))
        {
            Assert.Equal(ours, theirs);
        }

        Assert.Equal(expected.Active.Count, actual.Active.Count);
        Assert.Equal(expected.Dropped.Select(d => d.ToString()).Order(), actual.Dropped.Select(d => d.ToString()).Order());
    }

    // NOTE: Debian's Prometheus 2.42 sometimes shows a label written by relabeling (here __tmp_shard) in place of
    // another one in an active target's discoveredLabels (its labels builder reuses the array); so for active
    // targets only what discovery produced is compared there, and the final labels in full.
    private static string Show((Labels Discovered, Labels Final) t) =>
        Labels.FromLabels(t.Discovered.Where(l => l.Name.StartsWith("__meta_", StringComparison.Ordinal) || l.Name is "__address__" || l.Name.StartsWith("__param_", StringComparison.Ordinal)))
        + " => " + t.Final;

    private static async Task<(List<(Labels Discovered, Labels Final)> Active, List<Labels> Dropped)> OursAsync(string yaml)
    {
        var config = ConfigLoader.Load(yaml);
        var scrape = Assert.Single(ConfigLoader.GetScrapeConfigs(config));
        var settings = new ScrapeTargetSettings(
            scrape.JobName,
            scrape.Scheme,
            scrape.MetricsPath,
            scrape.ScrapeInterval,
            scrape.ScrapeTimeout,
            scrape.Params.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value),
            scrape.RelabelConfigs);
        var discoverer = new FileDiscoverer((FileSdConfig)Assert.Single(scrape.ServiceDiscoveryConfigs), new TestContext().Options);
        var updates = Channel.CreateUnbounded<IReadOnlyList<DiscoveredTargetGroup>>();
        await discoverer.RefreshAsync(updates.Writer, CancellationToken.None);
        Assert.True(updates.Reader.TryRead(out var groups));

        var builder = new LabelsBuilder();
        var active = new List<(Labels, Labels)>();
        var dropped = new List<Labels>();
        foreach (var group in groups)
        {
            foreach (var target in group.Targets)
            {
                var discovered = TargetLabels.PopulateDiscovered(builder, settings, target, group.Labels);
                var final = TargetLabels.Populate(builder, settings, target, group.Labels, out var error);
                Assert.Null(error);
                if (final.IsEmpty)
                {
                    dropped.Add(discovered);
                }
                else
                {
                    active.Add((discovered, TargetLabels.WithoutReserved(final)));
                }
            }
        }

        return (active, dropped);
    }

    private static async Task<(List<(Labels Discovered, Labels Final)> Active, List<Labels> Dropped)> TheirsAsync(HttpClient http)
    {
        var json = await http.GetFromJsonAsync<JsonElement>("/api/v1/targets?state=any");
        var data = json.GetProperty("data");
        var active = data.GetProperty("activeTargets").EnumerateArray()
            .Select(t => (ToLabels(t.GetProperty("discoveredLabels")), ToLabels(t.GetProperty("labels"))))
            .ToList();
        var dropped = data.GetProperty("droppedTargets").EnumerateArray()
            .Select(t => ToLabels(t.GetProperty("discoveredLabels")))
            .ToList();
        return (active, dropped);
    }

    private static Labels ToLabels(JsonElement map) =>
        Labels.FromLabels(map.EnumerateObject().Select(p => new Label(p.Name, p.Value.GetString() ?? "")));
}
