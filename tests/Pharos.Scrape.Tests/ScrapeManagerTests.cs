using Pharos.Discovery;
using Pharos.Model;
using Pharos.Storage;

namespace Pharos.Scrape.Tests;

public sealed class ScrapeManagerTests : TargetFixture
{
    private string Key(string name, string job = "test") =>
        Labels.FromStrings("__name__", name, "instance", Target.Address, "job", job).ToString();

    [Fact]
    public async Task Active_targets_report_labels_urls_and_health()
    {
        Harness.Configure(ScrapeLoopTests.Config("scrape_interval: 30s\nscrape_timeout: 5s"));
        Harness.Targets("test", Labels.FromStrings("__meta_source", "static", "env", "prod"), Target.Address);

        var before = Harness.Manager.ActiveTargets().Single();
        await Harness.ScrapeAsync();
        var after = Harness.Manager.ActiveTargets().Single();

        Assert.Equal(TargetHealth.Unknown, before.Health);
        Assert.Equal(TargetHealth.Up, after.Health);
        Assert.Equal("", after.LastError);
        Assert.Equal(Harness.Clock.Now, after.LastScrape);
        Assert.Equal("test", after.ScrapePool);
        Assert.Equal(Labels.FromStrings("env", "prod", "instance", Target.Address, "job", "test"), after.Labels);
        Assert.Equal("static", after.DiscoveredLabels.Get("__meta_source"));
        Assert.Equal("/metrics", after.DiscoveredLabels.Get("__metrics_path__"));
        Assert.Equal(new Uri($"http://{Target.Address}/metrics"), after.ScrapeUrl);
        Assert.Equal($"http://pharos-test:{Target.Address.Split(':')[1]}/metrics", after.GlobalUrl);
        Assert.Equal(TimeSpan.FromSeconds(30), after.ScrapeInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), after.ScrapeTimeout);
        Assert.Equal(["test"], Harness.Manager.ScrapePools());
    }

    [Fact]
    public void Targets_dropped_by_relabeling_are_listed_up_to_keep_dropped_targets()
    {
        Harness.Configure(ScrapeLoopTests.Config("keep_dropped_targets: 2\nrelabel_configs:\n  - source_labels: [__address__]\n    regex: keep.*\n    action: keep\n"));

        Harness.Targets("test", "keep:1", "drop:1", "drop:2", "drop:3");

        var active = Harness.Manager.ActiveTargets().Single();
        var dropped = Harness.Manager.DroppedTargets();
        Assert.Equal("keep:1", active.Labels.Get("instance"));
        Assert.Equal(2, dropped.Count);
        Assert.All(dropped, d => Assert.Equal("test", d.ScrapePool));
        Assert.Equal("drop:1", dropped[0].DiscoveredLabels.Get("__address__"));
        Assert.Equal("test", dropped[0].DiscoveredLabels.Get("job"));
        Assert.Equal(3, Harness.Manager.DroppedTargetCounts()["test"]);
    }

    [Fact]
    public async Task Target_limit_fails_every_target_of_the_pool_without_scraping()
    {
        await using var other = await TestTarget.StartAsync();
        Harness.Configure(ScrapeLoopTests.Config("target_limit: 1"));
        Harness.Targets("test", Target.Address, other.Address);

        var errors = await Harness.ScrapeAsync();

        Assert.All(errors.Values, e => Assert.Equal("target_limit exceeded (number of targets: 2, limit: 1)", e));
        Assert.Equal(0, Target.Requests + other.Requests);
        Assert.Equal(0, Harness.Last(Key("up")));

        Harness.Targets("test", Target.Address);
        errors = await Harness.ScrapeAsync();
        Assert.Null(errors[Target.Address]);
    }

    [Fact]
    public async Task Reload_with_an_unchanged_job_keeps_the_loop_and_a_changed_job_keeps_the_cache()
    {
        var yaml = ScrapeLoopTests.Config();
        Harness.Configure(yaml);
        Harness.Targets("test", Target.Address);
        await Harness.ScrapeAsync();
        var loop = Harness.Manager.PoolsSnapshot().Single().Loops().Single();

        Harness.Configure(yaml);
        var unchanged = Harness.Manager.PoolsSnapshot().Single().Loops().Single();
        Harness.Configure(ScrapeLoopTests.Config("sample_limit: 1000"));
        await Harness.Manager.StoppingAsync();
        var changed = Harness.Manager.PoolsSnapshot().Single().Loops().Single();
        await Harness.ScrapeAsync();

        Assert.Same(loop, unchanged);
        Assert.NotSame(loop, changed);
        Assert.Same(loop.Cache, changed.Cache);
        Assert.Equal(TargetHealth.Up, changed.Target.Health);
        Assert.Equal([1.0, 0.0], Harness.Series()[Key("scrape_series_added")].Select(s => s.Value));
        Assert.DoesNotContain(Harness.Series()[Key("a")], s => StaleMarker.IsStaleNaN(s.Value));
    }

    [Fact]
    public async Task Target_that_goes_away_gets_staleness_markers_for_its_series_and_report()
    {
        Harness.Configure(ScrapeLoopTests.Config());
        Harness.Targets("test", Target.Address);
        await Harness.ScrapeAsync();
        var scrapedMs = Harness.NowMs;
        // Past the two intervals the loop waits for the target to come back, so the markers follow at once.
        Harness.Clock.Advance(TimeSpan.FromMinutes(1));

        Harness.Manager.UpdateTargets(new Dictionary<string, IReadOnlyList<DiscoveredTargetGroup>> { ["test"] = [] });
        await Harness.Manager.StoppingAsync();

        Assert.Empty(Harness.Manager.ActiveTargets());
        foreach (var name in new[] { "a", "up", "scrape_duration_seconds", "scrape_series_added" })
        {
            var last = Harness.Series()[Key(name)][^1];
            Assert.True(StaleMarker.IsStaleNaN(last.Value), name);
            Assert.Equal(scrapedMs + 15_000, last.TimestampMs);
        }
    }

    [Fact]
    public async Task Removed_job_stops_its_pool_and_marks_its_series_stale()
    {
        Harness.Configure(ScrapeLoopTests.Config() + "\n  - job_name: other\n");
        Harness.Targets("test", Target.Address);
        await Harness.ScrapeAsync();
        Harness.Clock.Advance(TimeSpan.FromMinutes(1));

        Harness.Configure(ScrapeLoopTests.Config(job: "other"));
        await Harness.Manager.StoppingAsync();

        Assert.Equal(["other"], Harness.Manager.ScrapePools());
        Assert.True(StaleMarker.IsStaleNaN(Harness.Last(Key("a"))!.Value));
        Assert.True(StaleMarker.IsStaleNaN(Harness.Last(Key("up"))!.Value));
    }

    [Fact]
    public async Task Targets_that_arrive_before_their_job_are_synced_when_the_job_is_configured()
    {
        Harness.Targets("test", Target.Address);
        Assert.Empty(Harness.Manager.ActiveTargets());

        Harness.Configure(ScrapeLoopTests.Config());

        Assert.Single(Harness.Manager.ActiveTargets());
    }

    [Fact]
    public void Invalid_scrape_config_file_is_rejected_and_nothing_changes()
    {
        Harness.Configure(ScrapeLoopTests.Config());
        var config = Pharos.Config.ConfigLoader.Load(ScrapeLoopTests.Config(job: "other"));
        config.ScrapeConfigFiles.Add("/nonexistent-dir-for-pharos-tests/*.yml");
        var bad = Path.Combine(Path.GetTempPath(), $"pharos-scrape-{Guid.NewGuid():N}.yml");
        File.WriteAllText(bad, "scrape_configs:\n  - job_name: x\n    scrape_interval: nonsense\n");
        try
        {
            config.ScrapeConfigFiles.Add(bad);
            Assert.ThrowsAny<Exception>(() => Harness.Manager.ApplyConfig(config));
            Assert.Equal(["test"], Harness.Manager.ScrapePools());
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public void Scrape_offset_is_deterministic_and_within_the_interval()
    {
        var labels = Labels.FromStrings("__address__", "a:1", "__scheme__", "http", "__metrics_path__", "/metrics", "__scrape_interval__", "15s", "__scrape_timeout__", "10s", "job", "j", "instance", "a:1");
        var target = new ScrapeTarget("j", labels, labels, []);
        var now = ScrapeHarness.Start.ToUnixTimeMilliseconds() * 1_000_000;

        var first = target.Offset(now, 42);
        var again = new ScrapeTarget("j", labels, labels, []).Offset(now, 42);
        var otherSeed = target.Offset(now, 0x5eed_0000_0000_0042);

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        Assert.InRange(first, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        // The scrape instant is the same phase of every interval: (now + offset) mod interval does not depend on now.
        var later = target.Offset(now + 7_000_000_000, 42);
        Assert.Equal((now / 100 + first.Ticks) % TimeSpan.FromSeconds(15).Ticks, (now / 100 + 70_000_000 + later.Ticks) % TimeSpan.FromSeconds(15).Ticks);
    }

    [Fact]
    public async Task Running_loops_scrape_on_their_own_and_register_self_metrics()
    {
        await using var harness = new ScrapeHarness(startLoops: true, time: TimeProvider.System);
        harness.Configure(ScrapeLoopTests.Config("scrape_interval: 100ms\nscrape_timeout: 100ms"));
        harness.Targets("test", Target.Address);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        // Timeouts under a loaded machine may fail a scrape now and then: wait for three successful ones.
        int Successes() => harness.Series().GetValueOrDefault(Key("up"))?.Count(s => s.Value == 1) ?? 0;
        while (Successes() < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(Successes() >= 3);
        var text = System.Text.Encoding.UTF8.GetString(harness.Registry.ToArray());
        Assert.Contains("prometheus_target_scrape_pool_targets{scrape_job=\"test\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("prometheus_target_scrape_pools_total 1", text, StringComparison.Ordinal);
        Assert.Contains("prometheus_target_interval_length_seconds_count{interval=\"100ms\"}", text, StringComparison.Ordinal);
        Assert.Contains("prometheus_target_sync_length_seconds_count{scrape_job=\"test\"} 1", text, StringComparison.Ordinal);
    }
}
