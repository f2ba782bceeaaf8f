using Pharos.Model;

namespace Pharos.Rules.Tests;

public sealed class RestoreForStateTests
{
    private const string Rules = """
        groups:
          - name: g
            rules:
              - alert: Down
                expr: up == 0
                for: 30m
        """;

    private static readonly Labels ForState = Labels.FromStrings("__name__", "ALERTS_FOR_STATE", "alertname", "Down", "instance", "a");

    [Fact]
    public async Task Restart_keeps_the_time_already_spent_pending_and_skips_the_downtime()
    {
        await using var h = new RuleHarness(Rules, restore: true);
        h.Series("up", ["instance", "a"], Enumerable.Repeat<double?>(0, 60).ToArray());

        // Before the restart the alert had been active since 0m; the last sample was written at 10m.
        h.Storage.Load(ForState, (10 * 60_000L, 0));
        await h.EvaluateAsync(RuleHarness.At(15));
        Assert.Empty(h.Samples(Labels.FromStrings("__name__", "ALERTS", "alertname", "Down", "alertstate", "pending", "instance", "a")));

        h.Groups[0].RestoreForState(RuleHarness.At(15));

        // 10 minutes were spent pending; the 5 minutes down do not count: active since 5m, fires at 35m.
        var alert = Assert.Single(h.Rule("Down").Alerts);
        Assert.Equal(RuleHarness.At(5), alert.ActiveAt);
        await h.EvaluateAsync(RuleHarness.At(34));
        Assert.Equal(AlertState.Pending, h.Rule("Down").State);
        await h.EvaluateAsync(RuleHarness.At(35));
        Assert.Equal(AlertState.Firing, h.Rule("Down").State);
    }

    [Fact]
    public async Task Alert_close_to_firing_gets_the_grace_period()
    {
        await using var h = new RuleHarness(Rules, restore: true);
        h.Series("up", ["instance", "a"], Enumerable.Repeat<double?>(0, 60).ToArray());

        // 28 of 30 minutes were spent pending: less than the 10m grace period remains, so it fires 10m after restore.
        h.Storage.Load(ForState, (28 * 60_000L, 0));
        await h.EvaluateAsync(RuleHarness.At(40));
        h.Groups[0].RestoreForState(RuleHarness.At(40));

        Assert.Equal(RuleHarness.At(20), Assert.Single(h.Rule("Down").Alerts).ActiveAt);
    }

    [Fact]
    public async Task Nothing_is_restored_after_an_outage_longer_than_the_tolerance()
    {
        await using var h = new RuleHarness(Rules, restore: true);
        h.Series("up", ["instance", "a"], Enumerable.Repeat<double?>(0, 200).ToArray());

        h.Storage.Load(ForState, (10 * 60_000L, 0));
        await h.EvaluateAsync(RuleHarness.At(100));
        h.Groups[0].RestoreForState(RuleHarness.At(100));

        Assert.Equal(RuleHarness.At(100), Assert.Single(h.Rule("Down").Alerts).ActiveAt);
    }
}
