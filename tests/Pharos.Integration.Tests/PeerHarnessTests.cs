using Pharos.Testing;
using Pharos.Testing.Peers;

namespace Pharos.Integration.Tests;

/// <summary>Checks the real-peer fixtures themselves, so a broken harness is not mistaken for a broken Pharos.</summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class PeerHarnessTests
{
    [Fact]
    public async Task Prometheus_scrapes_a_node_exporter_and_answers_query_metadata_and_targets()
    {
        await using var exporter = await NodeExporterPeer.StartAsync();
        var config = PrometheusPeer.StaticScrapeConfig("node", [exporter.Target], TimeSpan.FromSeconds(1));
        await using var prometheus = await PrometheusPeer.StartAsync(config);

        await prometheus.WaitForScrapesAsync(2, job: "node");

        Assert.Equal(1, await prometheus.QueryValueAsync("up{job=\"node\"}"));
        var metadata = await prometheus.MetadataAsync("node_exporter_build_info");
        var entry = Assert.Single(metadata.GetProperty("node_exporter_build_info").EnumerateArray());
        Assert.Equal("gauge", entry.GetProperty("type").GetString());
        var targets = await prometheus.TargetsAsync();
        var target = Assert.Single(targets.GetProperty("activeTargets").EnumerateArray());
        Assert.Equal("up", target.GetProperty("health").GetString());
    }

    [Fact]
    public void Process_is_killed_and_its_directory_deleted_on_dispose()
    {
        string directory;
        int id;
        using (var peer = PeerProcess.Start("/bin/sleep", ["600"]))
        {
            directory = peer.WorkingDirectory;
            id = peer.Id;
            Assert.True(Directory.Exists(directory));
            Assert.False(peer.HasExited);
        }

        Assert.False(Directory.Exists(directory));
        Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(id));
    }

    [Fact]
    public async Task A_peer_that_exits_early_fails_the_wait_with_its_output()
    {
        using var peer = PeerProcess.Start("/bin/sh", ["-c", "echo starting; echo broken config >&2; exit 3"]);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => peer.WaitForHttpOkAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}/"), TimeSpan.FromSeconds(10)));
        Assert.Contains("exited with code 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("[err] broken config", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_prometheus_binary_fails_with_an_install_hint()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(
            () => PrometheusPeer.StartAsync("scrape_configs: []\n", binary: "/nonexistent/prometheus"));

        Assert.Contains("apt-get install prometheus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_config_quotes_values_and_adds_params()
    {
        var yaml = PrometheusPeer.StaticScrapeConfig(
            "job",
            ["127.0.0.1:1", "127.0.0.1:2"],
            TimeSpan.FromMilliseconds(1500),
            parameters: new Dictionary<string, string> { ["format"] = "text" });

        Assert.Contains("  scrape_interval: 1500ms", yaml, StringComparison.Ordinal);
        Assert.Contains("      \"format\": [\"text\"]", yaml, StringComparison.Ordinal);
        Assert.Contains("      - targets: [\"127.0.0.1:1\", \"127.0.0.1:2\"]", yaml, StringComparison.Ordinal);
    }
}
