using Pharos.Model;
using Pharos.Storage;

namespace Pharos.Rules.Tests;

public sealed class AlertStateMachineTests
{
    private const string DownRule = """
        groups:
          - name: g
            rules:
              - alert: Down
                expr: up == 0
                for: 3m
                labels:
                  severity: page
                annotations:
                  summary: "{{ $labels.instance }} is down ({{ $value }}) in {{ $externalLabels.region }}"
        """;

    [Fact]
    public async Task Alert_is_pending_until_for_has_passed_then_fires()
    {
        await using var h = new RuleHarness(DownRule);
        h.Series("up", ["instance", "a"], [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);

        await h.EvaluateMinutesAsync(0, 1);
        Assert.Equal(AlertState.Inactive, h.Rule("Down").State);
        Assert.Empty(h.Rule("Down").Alerts);

        await h.EvaluateMinutesAsync(2, 4);
        var pending = Assert.Single(h.Rule("Down").Alerts);
        Assert.Equal(AlertState.Pending, pending.State);
        Assert.Equal(RuleHarness.At(2), pending.ActiveAt);
        Assert.Empty(h.Sent);

        await h.EvaluateAsync(RuleHarness.At(5));
        var firing = Assert.Single(h.Rule("Down").Alerts);
        Assert.Equal(AlertState.Firing, firing.State);
        Assert.Equal(RuleHarness.At(5), firing.FiredAt);
        Assert.Equal(Labels.FromStrings("alertname", "Down", "instance", "a", "severity", "page"), firing.Labels);
        Assert.Equal("a is down (0) in eu", firing.Annotations.Get("summary"));
    }

    [Fact]
    public async Task Firing_alert_is_sent_with_generator_url_and_valid_until_four_intervals()
    {
        await using var h = new RuleHarness(DownRule);
        h.Series("up", ["instance", "a"], [0, 0, 0, 0, 0]);

        await h.EvaluateMinutesAsync(0, 3);

        var (expr, alert) = Assert.Single(h.Sent);
        Assert.Equal("up == 0", expr);
        Assert.Equal(RuleHarness.At(3), alert.StartsAt);
        Assert.Equal(RuleHarness.At(3) + TimeSpan.FromMinutes(4), alert.EndsAt);
        Assert.Equal("http://prom.example:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1", alert.GeneratorUrl);
    }

    [Fact]
    public async Task Firing_alert_is_resent_only_after_the_resend_delay()
    {
        await using var h = new RuleHarness(DownRule, resendDelay: TimeSpan.FromMinutes(3));
        h.Series("up", ["instance", "a"], Enumerable.Repeat<double?>(0, 15).ToArray());

        await h.EvaluateMinutesAsync(0, 10);

        // Fires at 3m; resent once more than 3 minutes have passed since the last send: at 7m, then 11m.
        Assert.Equal([RuleHarness.At(3), RuleHarness.At(7)], h.Sent.Select(s => s.Alert.EndsAt - TimeSpan.FromMinutes(12)));
    }

    [Fact]
    public async Task Resolved_alert_is_sent_once_with_its_resolution_time()
    {
        await using var h = new RuleHarness(DownRule);
        h.Series("up", ["instance", "a"], [0, 0, 0, 0, 0, 1, 1, 1]);

        await h.EvaluateMinutesAsync(0, 6);

        Assert.Equal(AlertState.Inactive, h.Rule("Down").State);
        var resolved = h.Sent.Last().Alert;
        Assert.Equal(RuleHarness.At(5), resolved.EndsAt);
        Assert.Equal(RuleHarness.At(3), resolved.StartsAt);
        Assert.Equal(1, h.Sent.Count(s => s.Alert.EndsAt == RuleHarness.At(5)));
    }

    [Fact]
    public async Task Pending_alert_that_stops_matching_is_dropped_without_being_sent()
    {
        await using var h = new RuleHarness(DownRule);
        h.Series("up", ["instance", "a"], [0, 0, 1, 1]);

        await h.EvaluateMinutesAsync(0, 3);

        Assert.Empty(h.Rule("Down").Alerts);
        Assert.Empty(h.Sent);
    }

    [Fact]
    public async Task Keep_firing_for_keeps_the_alert_firing_after_the_expression_stops_returning_it()
    {
        const string RuleText = """
            groups:
              - name: g
                rules:
                  - alert: Flap
                    expr: flap > 0
                    keep_firing_for: 3m
            """;
        await using var h = new RuleHarness(RuleText);
        h.Series("flap", ["i", "1"], [1, 1, 0, 0, 0, 0, 0, 0]);

        await h.EvaluateMinutesAsync(0, 4);
        var kept = Assert.Single(h.Rule("Flap").Alerts);
        Assert.Equal(AlertState.Firing, kept.State);
        Assert.Equal(RuleHarness.At(2), kept.KeepFiringSince);

        await h.EvaluateAsync(RuleHarness.At(5));
        Assert.Empty(h.Rule("Flap").Alerts);
        Assert.Equal(RuleHarness.At(5), h.Sent.Last().Alert.EndsAt);
    }

    [Fact]
    public async Task Alerts_and_for_state_series_are_written_for_active_alerts()
    {
        await using var h = new RuleHarness(DownRule);
        h.Series("up", ["instance", "a"], [0, 0, 0, 0, 1, 1]);

        await h.EvaluateMinutesAsync(0, 5);

        var pending = h.Samples(Labels.FromStrings("__name__", "ALERTS", "alertname", "Down", "alertstate", "pending", "instance", "a", "severity", "page"));
        var firing = h.Samples(Labels.FromStrings("__name__", "ALERTS", "alertname", "Down", "alertstate", "firing", "instance", "a", "severity", "page"));
        var forState = h.Samples(Labels.FromStrings("__name__", "ALERTS_FOR_STATE", "alertname", "Down", "instance", "a", "severity", "page"));
        Assert.Equal([0L, 60_000, 120_000], pending.Where(s => !StaleMarker.IsStaleNaN(s.Value)).Select(s => s.TimestampMs));
        Assert.True(StaleMarker.IsStaleNaN(pending[^1].Value));
        Assert.Equal(180_000, firing[0].TimestampMs);
        Assert.True(StaleMarker.IsStaleNaN(firing[^1].Value));
        Assert.All(forState.Where(s => !StaleMarker.IsStaleNaN(s.Value)), s => Assert.Equal(0, s.Value));
    }

    [Fact]
    public async Task Template_error_becomes_the_annotation_text()
    {
        const string RuleText = """
            groups:
              - name: g
                rules:
                  - alert: Bad
                    expr: vector(1)
                    annotations:
                      summary: '{{ template "missing" . }}'
            """;
        await using var h = new RuleHarness(RuleText);

        await h.EvaluateAsync(RuleHarness.At(0));

        var alert = Assert.Single(h.Rule("Bad").Alerts);
        Assert.StartsWith("<error expanding template: ", alert.Annotations.Get("summary"), StringComparison.Ordinal);
        Assert.Equal(RuleHealth.Ok, h.Rule("Bad").Health);
    }

    [Fact]
    public async Task Exceeding_the_group_limit_fails_the_rule_and_clears_its_alerts()
    {
        const string RuleText = """
            groups:
              - name: g
                limit: 1
                rules:
                  - alert: Many
                    expr: m > 0
            """;
        await using var h = new RuleHarness(RuleText);
        h.Series("m", ["i", "1"], [1]);
        h.Series("m", ["i", "2"], [1]);

        await h.EvaluateAsync(RuleHarness.At(0));

        var state = h.Rule("Many");
        Assert.Equal(RuleHealth.Err, state.Health);
        Assert.Equal("exceeded limit of 1 with 2 alerts", state.LastError);
        Assert.Empty(state.Alerts);
    }

    [Fact]
    public async Task Labels_that_collide_after_templating_are_an_evaluation_error()
    {
        const string RuleText = """
            groups:
              - name: g
                rules:
                  - alert: Collide
                    expr: m > 0
                    labels:
                      i: same
            """;
        await using var h = new RuleHarness(RuleText);
        h.Series("m", ["i", "1"], [1]);
        h.Series("m", ["i", "2"], [1]);

        await h.EvaluateAsync(RuleHarness.At(0));

        Assert.Equal("vector contains metrics with the same labelset after applying alert labels", h.Rule("Collide").LastError);
    }

    [Fact]
    public async Task Template_query_function_runs_at_the_evaluation_time()
    {
        const string RuleText = """
            groups:
              - name: g
                rules:
                  - alert: Q
                    expr: vector(1)
                    annotations:
                      now: '{{ query "src" | first | value }}'
            """;
        await using var h = new RuleHarness(RuleText);
        h.Series("src", [], [10, 20, 30, 40]);

        await h.EvaluateAsync(RuleHarness.At(2));

        Assert.Equal("30", Assert.Single(h.Rule("Q").Alerts).Annotations.Get("now"));
    }
}
