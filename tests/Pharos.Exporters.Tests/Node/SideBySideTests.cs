using System.Diagnostics;
using Pharos.Client;
using Pharos.Exporters.Node;
using Pharos.Exposition.Model;
using Pharos.Testing;
using Pharos.Testing.Peers;

namespace Pharos.Exporters.Tests.Node;

/// <summary>
/// Debian's node exporter and ours on this machine's real /proc and /sys, with the same collectors and the same
/// exclude flags: upstream's (metric name, label names) pairs must be present in ours, stable values must agree,
/// and counter rates over 10 s must agree within 5%.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class SideBySideTests
{
    private const double RequiredCoverage = 1.0;

    // Exclusions both sides get explicitly, because Debian patches its defaults (/run, /mnt, lo).
    private const string MountPointsExclude = "^/(dev|proc|run|sys|mnt|media|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)";
    private const string NetdevExclude = "^lo$";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task Upstream_name_and_label_pairs_are_present_and_values_agree()
    {
        var names = NodeCollectorCatalog.Collectors.Select(c => c.Name).ToArray();
        string[] flags =
        [
            "--collector.disable-defaults",
            .. names.Select(n => "--collector." + n),
            "--collector.filesystem.mount-points-exclude=" + MountPointsExclude,
            "--collector.netdev.device-exclude=" + NetdevExclude,
            "--collector.textfile.directory=",
        ];
        await using var upstream = await NodeExporterPeer.StartAsync(flags);
        var registry = new MetricRegistry();
        var options = new NodeCollectorOptions
        {
            MountPointsExclude = new(MountPointsExclude),
            NetdevDeviceExclude = new(NetdevExclude),
        };
        registry.Register(new NodeBuildInfo("0.1.0", "test"));
        registry.Register(new NodeScraper(names.Select(n => NodeCollectorCatalog.Create(n, options))));

        var (up0, upAt0) = await ScrapeUpstreamAsync(upstream.MetricsUrl);
        var (ours0, oursAt0) = ScrapeOurs(registry);
        await Task.Delay(TimeSpan.FromSeconds(10));
        var (up1, upAt1) = await ScrapeUpstreamAsync(upstream.MetricsUrl);
        var (ours1, oursAt1) = ScrapeOurs(registry);

        // Coverage of (name, label names) pairs.
        var upstreamPairs = Pairs(up1);
        var ourPairs = Pairs(ours1);
        var missing = upstreamPairs.Where(p => !ourPairs.Contains(p)).Order(StringComparer.Ordinal).ToArray();
        var present = upstreamPairs.Count - missing.Length;
        var coverage = (double)present / upstreamPairs.Count;
        Assert.True(
            coverage >= RequiredCoverage,
            $"{present} of {upstreamPairs.Count} upstream pairs present ({coverage:P1}); missing:\n{string.Join('\n', missing)}");

        // Help texts and types of the shared families.
        var mismatched = up1.Values
            .Where(f => f.Name.StartsWith("node_", StringComparison.Ordinal) && f.Name != "node_exporter_build_info" && ours1.TryGetValue(f.Name, out var o) && (o.Help != f.Help || o.Type != f.Type))
            .Select(f => $"{f.Name}: upstream '{f.Help}' ({f.Type}), ours '{ours1[f.Name].Help}' ({ours1[f.Name].Type})")
            .ToArray();
        Assert.True(mismatched.Length == 0, "help/type differ:\n" + string.Join('\n', mismatched));

        // Stable values.
        Assert.Equal(Value(up1, "node_memory_MemTotal_bytes"), Value(ours1, "node_memory_MemTotal_bytes"));
        Assert.Equal(Value(up1, "node_boot_time_seconds"), Value(ours1, "node_boot_time_seconds"));
        Assert.Equal(Cpus(up1), Cpus(ours1));
        Assert.Equal(Environment.ProcessorCount, Cpus(ours1).Count);
        Assert.Equal(Series(up1, "node_filesystem_size_bytes"), Series(ours1, "node_filesystem_size_bytes"));
        Assert.Equal(Series(up1, "node_filesystem_files"), Series(ours1, "node_filesystem_files"));
        Assert.Equal(Series(up1, "node_uname_info"), Series(ours1, "node_uname_info"));
        Assert.Equal(Series(up1, "node_os_info"), Series(ours1, "node_os_info"));
        Assert.Equal(Series(up1, "node_disk_info"), Series(ours1, "node_disk_info"));

        // Counter rates over the same few seconds.
        foreach (var name in new[] { "node_cpu_seconds_total", "node_intr_total" })
        {
            var upRate = (Sum(up1, name) - Sum(up0, name)) / (upAt1 - upAt0);
            var ourRate = (Sum(ours1, name) - Sum(ours0, name)) / (oursAt1 - oursAt0);
            Assert.True(Math.Abs(upRate - ourRate) <= 0.05 * Math.Abs(upRate), $"{name}: upstream rate {upRate:F2}/s, ours {ourRate:F2}/s");
        }
    }

    private static async Task<(Dictionary<string, MetricFamily> Families, double AtSeconds)> ScrapeUpstreamAsync(Uri url)
    {
        // The exporter reads /proc somewhere inside the request; the midpoint bounds the skew on a loaded machine.
        var before = Stopwatch.GetTimestamp();
        var body = await Http.GetByteArrayAsync(url);
        var after = Stopwatch.GetTimestamp();
        return (Parse(body), (before + after) / 2.0 / Stopwatch.Frequency);
    }

    private static (Dictionary<string, MetricFamily> Families, double AtSeconds) ScrapeOurs(MetricRegistry registry)
    {
        var before = Stopwatch.GetTimestamp();
        var body = registry.ToArray();
        var after = Stopwatch.GetTimestamp();
        return (Parse(body), (before + after) / 2.0 / Stopwatch.Frequency);
    }

    private static Dictionary<string, MetricFamily> Parse(byte[] body) =>
        MetricFamilyReader.Read(body, Pharos.Exposition.ExpositionFormat.PrometheusText).ToDictionary(f => f.Name, StringComparer.Ordinal);

    private static HashSet<string> Pairs(Dictionary<string, MetricFamily> families)
    {
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var family in families.Values.Where(f => f.Name.StartsWith("node_", StringComparison.Ordinal)))
        {
            foreach (var point in family.Points)
            {
                var labels = new List<string>();
                foreach (var label in point.Labels)
                {
                    if (label.Name != "__name__")
                    {
                        labels.Add(label.Name);
                    }
                }

                labels.Sort(StringComparer.Ordinal);
                pairs.Add($"{family.Name}{{{string.Join(',', labels)}}}");
            }
        }

        return pairs;
    }

    private static double Value(Dictionary<string, MetricFamily> families, string name) => Assert.Single(families[name].Points).Value;

    private static double Sum(Dictionary<string, MetricFamily> families, string name) => families[name].Points.Sum(p => p.Value);

    private static SortedSet<string> Cpus(Dictionary<string, MetricFamily> families) =>
        new(families["node_cpu_seconds_total"].Points.Select(p => p.Labels.Get("cpu")), StringComparer.Ordinal);

    private static SortedDictionary<string, double> Series(Dictionary<string, MetricFamily> families, string name)
    {
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (families.TryGetValue(name, out var family))
        {
            foreach (var point in family.Points)
            {
                result[point.Labels.ToString()] = point.Value;
            }
        }

        return result;
    }
}
