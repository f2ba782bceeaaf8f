using Pharos.Model;
using Pharos.Storage;

namespace Pharos.Rules.Tests;

public sealed class RuleGroupTests
{
    [Fact]
    public async Task Later_rules_see_what_earlier_rules_recorded_in_the_same_evaluation()
    {
        const string RuleText = """
            groups:
              - name: chain
                rules:
                  - record: step1
                    expr: base * 2
                  - record: step2
                    expr: step1 + 1
                    labels:
                      stage: two
            """;
        await using var h = new RuleHarness(RuleText);
        h.Series("base", ["k", "v"], [5]);

        await h.EvaluateAsync(RuleHarness.At(0));

        Assert.Equal([(0L, 10.0)], h.Samples(Labels.FromStrings("__name__", "step1", "k", "v")));
        Assert.Equal([(0L, 11.0)], h.Samples(Labels.FromStrings("__name__", "step2", "k", "v", "stage", "two")));
        Assert.All(h.Groups[0].State().Rules, r => Assert.Equal(RuleHealth.Ok, r.Health));
    }

    [Fact]
    public async Task A_recorded_series_that_disappears_gets_a_stale_marker()
    {
        const string RuleText = """
            groups:
              - name: g
                rules:
                  - record: copy
                    expr: src
            """;
        await using var h = new RuleHarness(RuleText);
        h.Series("src", ["k", "a"], [1, 2]);
        h.Series("src", ["k", "b"], [1, 2, 3, 4, 5, 6, 7, 8, 9]);

        // Lookback keeps src{k="a"} for less than 5 minutes after its last sample at 1m (a left-open window): at 6m it is gone.
        await h.EvaluateMinutesAsync(0, 7);

        var a = h.Samples(Labels.FromStrings("__name__", "copy", "k", "a"));
        Assert.Equal(6 * 60_000L, a[^1].TimestampMs);
        Assert.True(StaleMarker.IsStaleNaN(a[^1].Value));
        Assert.Equal(6, a.Count(s => !StaleMarker.IsStaleNaN(s.Value)));
        Assert.Single(a, s => StaleMarker.IsStaleNaN(s.Value));
        Assert.DoesNotContain(h.Samples(Labels.FromStrings("__name__", "copy", "k", "b")), s => StaleMarker.IsStaleNaN(s.Value));
    }

    [Fact]
    public async Task A_failing_rule_is_marked_unhealthy_and_the_group_goes_on()
    {
        const string RuleText = """
            groups:
              - name: g
                rules:
                  - record: broken
                    expr: a * on(k) b
                  - record: fine
                    expr: a
            """;
        await using var h = new RuleHarness(RuleText);

        // Two series of b match the same a: many-to-many matching fails at evaluation time.
        h.Series("a", ["k", "1"], [1]);
        h.Series("b", ["k", "1", "x", "1"], [1]);
        h.Series("b", ["k", "1", "x", "2"], [1]);

        await h.EvaluateAsync(RuleHarness.At(0));

        var broken = h.Rule("broken");
        Assert.Equal(RuleHealth.Err, broken.Health);
        Assert.Contains("many-to-many", broken.LastError, StringComparison.Ordinal);
        Assert.Equal(RuleHealth.Ok, h.Rule("fine").Health);
        Assert.Single(h.Samples(Labels.FromStrings("__name__", "fine", "k", "1")));
    }

    [Fact]
    public async Task Query_offset_shifts_the_query_and_the_sample_time()
    {
        const string RuleText = """
            groups:
              - name: g
                query_offset: 2m
                rules:
                  - record: copy
                    expr: src
            """;
        await using var h = new RuleHarness(RuleText);
        h.Series("src", [], [10, 11, 12, 13, 14]);

        await h.EvaluateAsync(RuleHarness.At(4));

        Assert.Equal([(120_000L, 12.0)], h.Samples(Labels.FromStrings("__name__", "copy")));
    }

    [Fact]
    public async Task Group_labels_apply_to_every_rule_and_rule_labels_win()
    {
        const string RuleText = """
            groups:
              - name: g
                labels:
                  team: infra
                  tier: group
                rules:
                  - record: copy
                    expr: src
                    labels:
                      tier: rule
            """;
        await using var h = new RuleHarness(RuleText);
        h.Series("src", [], [1]);

        await h.EvaluateAsync(RuleHarness.At(0));

        Assert.Single(h.Samples(Labels.FromStrings("__name__", "copy", "team", "infra", "tier", "rule")));
    }

    [Fact]
    public async Task Evaluation_times_are_on_a_stable_per_group_offset_within_the_interval()
    {
        await using var h = new RuleHarness("groups: [{name: a, rules: []}, {name: b, rules: []}]");
        var interval = TimeSpan.FromMinutes(1);
        var now = DateTimeOffset.Parse("2026-01-01T12:34:56.789Z", System.Globalization.CultureInfo.InvariantCulture);

        foreach (var g in h.Groups)
        {
            var ts = g.EvalTimestamp(now);
            Assert.InRange(now - ts, TimeSpan.Zero, interval);
            Assert.Equal(ts, g.EvalTimestamp(ts));
            Assert.Equal(ts + interval, g.EvalTimestamp(now + interval));
        }

        Assert.NotEqual(h.Groups[0].EvalTimestamp(now), h.Groups[1].EvalTimestamp(now));
    }

    [Fact]
    public void Generator_url_escapes_the_expression_as_go_query_escape()
    {
        Assert.Equal(
            "http://x:9090/prefix/graph?g0.expr=sum%28rate%28a%7Bb%3D%22c%22%7D%5B5m%5D%29%29+%3E+0.5&g0.tab=1",
            RuleGroup.GeneratorUrl("http://x:9090/prefix/", "sum(rate(a{b=\"c\"}[5m])) > 0.5"));
    }
}
