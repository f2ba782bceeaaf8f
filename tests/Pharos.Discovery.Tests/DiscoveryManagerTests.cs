using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Client;
using Pharos.Config.Discovery;
using Pharos.Model;
using static Pharos.Discovery.Tests.TestGroups;

namespace Pharos.Discovery.Tests;

public sealed class DiscoveryManagerTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly ManualTimeProvider _time = new();
    private readonly FakeDiscovererFactory _fakes = new();
    private readonly MetricRegistry _metrics = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly DiscoveryManager _manager;
    private Task _run = Task.CompletedTask;

    public DiscoveryManagerTests()
    {
        var registry = DiscovererRegistry.CreateWithBuiltIns();
        registry.Register(_fakes);
        _manager = new DiscoveryManager(NullLoggerFactory.Instance, _time, new DiscoveryManagerOptions { Registry = registry, UpdateInterval = Interval }, _metrics);
    }

    public Task InitializeAsync()
    {
        _run = _manager.RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        await _manager.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task Static_targets_are_sent_after_one_update_interval()
    {
        _manager.ApplyConfig(Sets(("job", [Static(["a:1", "b:2"], "env", "prod"), Static(["c:3"])])));
        Assert.False(_manager.Updates.TryRead(out _));

        _time.Advance(Interval);
        var snapshot = await NextAsync();

        Assert.Equal(["a:1", "b:2", "c:3"], Addresses(snapshot, "job"));
        var groups = snapshot["job"];
        Assert.Equal(["0", "1"], groups.Select(g => g.Source));
        Assert.Equal(Labels.FromStrings("env", "prod"), groups[0].Labels);
        Assert.Equal(Labels.Empty, groups[1].Labels);
    }

    [Fact]
    public async Task Updates_within_one_interval_are_sent_as_one_snapshot_with_the_latest_state()
    {
        _manager.ApplyConfig(Sets(("job", [new FakeSdConfig("x")])));
        var fake = await WaitForDiscovererAsync("x");
        await fake.SendAsync(Group("g", "a:1"));
        await fake.SendAsync(Group("g", "a:1", "b:2"));
        await Eventually.WaitAsync(() => Addresses(_manager.CurrentTargets(), "job"), a => a.Length == 2);
        Assert.False(_manager.Updates.TryRead(out _));

        _time.Advance(Interval);
        var snapshot = await NextAsync();

        Assert.Equal(["a:1", "b:2"], Addresses(snapshot, "job"));
        Assert.Contains("prometheus_sd_received_updates_total{name=\"scrape\"} 2", Exposition());
        Assert.Contains("prometheus_sd_updates_total{name=\"scrape\"} 1", Exposition());
    }

    [Fact]
    public async Task Nothing_is_sent_when_the_groups_did_not_change()
    {
        _manager.ApplyConfig(Sets(("job", [new FakeSdConfig("x")])));
        var fake = await WaitForDiscovererAsync("x");
        await fake.SendAsync(Group("g", "a:1"));
        await Eventually.WaitAsync(() => Addresses(_manager.CurrentTargets(), "job"), a => a.Length == 1);
        _time.Advance(Interval);
        await NextAsync();

        await fake.SendAsync(Group("g", "a:1"));
        await Eventually.WaitAsync(Exposition, e => e.Contains("prometheus_sd_received_updates_total{name=\"scrape\"} 2", StringComparison.Ordinal));
        _time.Advance(Interval);
        await fake.SendAsync(Group("g", "b:2"));
        await Eventually.WaitAsync(() => Addresses(_manager.CurrentTargets(), "job"), a => a.SequenceEqual(["b:2"]));
        _time.Advance(Interval);

        // The first snapshot read after the unchanged update is the changed one.
        Assert.Equal(["b:2"], Addresses(await NextAsync(), "job"));
        Assert.Contains("prometheus_sd_updates_total{name=\"scrape\"} 2", Exposition());
    }

    [Fact]
    public async Task Identical_configurations_in_two_sets_share_one_provider()
    {
        _manager.ApplyConfig(Sets(("a", [new FakeSdConfig("x")]), ("b", [new FakeSdConfig("x")])));
        var fake = await WaitForDiscovererAsync("x");
        await fake.SendAsync(Group("g", "t:1"));
        await Eventually.WaitAsync(() => Addresses(_manager.CurrentTargets(), "b"), a => a.Length == 1);
        _time.Advance(Interval);
        var snapshot = await NextAsync();

        Assert.Single(_fakes.Created);
        var provider = Assert.Single(_manager.Providers);
        Assert.Equal("fake/0", provider.Key);
        Assert.Equal(["a", "b"], provider.Value.Order(StringComparer.Ordinal));
        Assert.Equal(["t:1"], Addresses(snapshot, "a"));
        Assert.Equal(["t:1"], Addresses(snapshot, "b"));
    }

    [Fact]
    public async Task An_unchanged_configuration_keeps_its_provider_and_targets_across_a_reload()
    {
        _manager.ApplyConfig(Sets(("job", [new FakeSdConfig("x")])));
        var fake = await WaitForDiscovererAsync("x");
        await fake.SendAsync(Group("g", "t:1"));
        await Eventually.WaitAsync(() => Addresses(_manager.CurrentTargets(), "job"), a => a.Length == 1);

        _manager.ApplyConfig(Sets(("job", [new FakeSdConfig("x")]), ("other", [new FakeSdConfig("x")])));

        Assert.Single(_fakes.Created);
        Assert.False(fake.Stopped.IsCompleted);
        var targets = _manager.CurrentTargets();
        Assert.Equal(["t:1"], Addresses(targets, "job"));
        Assert.Equal(["t:1"], Addresses(targets, "other"));
    }

    [Fact]
    public async Task A_changed_configuration_stops_the_old_provider_and_drops_its_targets()
    {
        _manager.ApplyConfig(Sets(("job", [new FakeSdConfig("x")])));
        var old = await WaitForDiscovererAsync("x");
        await old.SendAsync(Group("g", "t:1"));
        await Eventually.WaitAsync(() => Addresses(_manager.CurrentTargets(), "job"), a => a.Length == 1);

        _manager.ApplyConfig(Sets(("job", [new FakeSdConfig("y")])));

        await old.Stopped.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Empty(Addresses(_manager.CurrentTargets(), "job"));
        Assert.Equal(["fake/1"], _manager.Providers.Keys);
    }

    [Fact]
    public async Task A_removed_set_is_sent_once_with_no_groups_and_then_disappears()
    {
        _manager.ApplyConfig(Sets(("gone", [Static(["a:1"])]), ("kept", [Static(["b:2"])])));
        _time.Advance(Interval);
        Assert.Equal(["a:1"], Addresses(await NextAsync(), "gone"));

        _manager.ApplyConfig(Sets(("kept", [Static(["b:2"])])));
        _time.Advance(Interval);
        var snapshot = await NextAsync();

        Assert.Empty(snapshot["gone"]);
        Assert.Equal(["b:2"], Addresses(snapshot, "kept"));
        Assert.False(_manager.CurrentTargets().ContainsKey("gone"));
        Assert.DoesNotContain("config=\"gone\"", Exposition());
    }

    [Fact]
    public async Task A_set_without_configurations_gets_one_empty_group()
    {
        _manager.ApplyConfig(Sets(("empty", [])));
        _time.Advance(Interval);
        var snapshot = await NextAsync();

        var group = Assert.Single(snapshot["empty"]);
        Assert.Empty(group.Targets);
    }

    [Fact]
    public async Task A_configuration_without_a_mechanism_counts_as_failed_and_the_others_still_run()
    {
        _manager.ApplyConfig(Sets(("job", [new UnknownSdConfig(), Static(["a:1"])])));
        _time.Advance(Interval);
        var snapshot = await NextAsync();

        Assert.Equal(["a:1"], Addresses(snapshot, "job"));
        Assert.Contains("prometheus_sd_failed_configs{name=\"scrape\"} 1", Exposition());
        Assert.Contains("prometheus_sd_discovered_targets{config=\"job\",name=\"scrape\"} 1", Exposition());
    }

    [Fact]
    public void A_configuration_whose_discoverer_cannot_be_created_counts_as_failed()
    {
        var http = new HttpSdConfig { Url = "https://sd.example/" };
        http.HttpClientConfig.TlsConfig.CaFile = "/nonexistent/ca.pem";

        _manager.ApplyConfig(Sets(("job", [http])));

        Assert.Contains("prometheus_sd_failed_configs{name=\"scrape\"} 1", Exposition());
        Assert.DoesNotContain(_manager.Providers.Keys, k => k.StartsWith("http", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_group_replaces_the_targets_of_its_source()
    {
        _manager.ApplyConfig(Sets(("job", [new FakeSdConfig("x")])));
        var fake = await WaitForDiscovererAsync("x");
        await fake.SendAsync(Group("g1", "a:1"), Group("g2", "b:2"));
        await Eventually.WaitAsync(() => Addresses(_manager.CurrentTargets(), "job"), a => a.Length == 2);

        await fake.SendAsync(Group("g1"));
        var addresses = await Eventually.WaitAsync(() => Addresses(_manager.CurrentTargets(), "job"), a => a.Length == 1);

        Assert.Equal(["b:2"], addresses);
    }

    [Fact]
    public void Two_managers_on_one_registry_report_under_their_own_names()
    {
        var notify = new DiscoveryManager(NullLoggerFactory.Instance, _time, new DiscoveryManagerOptions { Name = "notify" }, _metrics);
        notify.ApplyConfig(Sets(("config-0", [new UnknownSdConfig()])));
        _manager.ApplyConfig(Sets(("job", [Static(["a:1"])])));

        var text = Exposition();
        Assert.Contains("prometheus_sd_failed_configs{name=\"notify\"} 1", text);
        Assert.Contains("prometheus_sd_failed_configs{name=\"scrape\"} 0", text);
    }

    private static Dictionary<string, IReadOnlyList<IServiceDiscoveryConfig>> Sets(params (string Name, IServiceDiscoveryConfig[] Configs)[] sets) =>
        sets.ToDictionary(s => s.Name, s => (IReadOnlyList<IServiceDiscoveryConfig>)s.Configs);

    private static StaticConfig Static(string[] targets, params string[] labels)
    {
        var group = new TargetGroup { Targets = [.. targets] };
        for (var i = 0; i < labels.Length; i += 2)
        {
            group.Labels.Add(new(labels[i], labels[i + 1]));
        }

        return new StaticConfig { Group = group };
    }

    private async Task<FakeDiscoverer> WaitForDiscovererAsync(string id) =>
        (await Eventually.WaitAsync(() => _fakes.Created.FirstOrDefault(d => d.Id == id), d => d is not null))!;

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<DiscoveredTargetGroup>>> NextAsync() =>
        await _manager.Updates.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

    private string Exposition() => Encoding.UTF8.GetString(_metrics.ToArray());
}
