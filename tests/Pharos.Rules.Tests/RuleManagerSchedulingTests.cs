using Pharos.Client;
using Pharos.Model;
using Pharos.PromQL.Engine;
using Pharos.Storage;

namespace Pharos.Rules.Tests;

public sealed class RuleManagerSchedulingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pharos-rulesched-").FullName;
    private readonly PromQLEngine _engine = new();

    [Fact]
    public async Task Groups_evaluate_on_their_grid_and_write_alerts_only_after_restoring_for_state()
    {
        var clock = new SteppedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var storage = new MemoryStorage();
        var registry = new MetricRegistry();
        var sent = new List<AlertToSend>();
        var file = Path.Combine(_directory, "r.yml");
        File.WriteAllText(file, "groups: [{name: g, rules: [{alert: Always, expr: vector(1), for: 15m}]}]");
        await using var manager = new RuleManager(new RuleManagerOptions
        {
            Query = RuleQuery.FromEngine(_engine, storage),
            Appendable = storage,
            Queryable = storage,
            Notify = (_, alerts) => { lock (sent) { sent.AddRange(alerts); } },
            TimeProvider = clock,
            Registry = registry,
        });

        manager.ApplyRuleFiles([file], TimeSpan.FromMinutes(1), Labels.Empty, "http://localhost:9090");
        var group = manager.LoadGroups([file], TimeSpan.FromMinutes(1), Labels.Empty, "")[0];
        var first = group.EvalTimestamp(clock.GetUtcNow()) + TimeSpan.FromMinutes(1);

        var evaluated = new List<DateTimeOffset>();
        for (var i = 0; i < 3; i++)
        {
            await clock.WaitForTimerAsync();
            clock.Step(TimeSpan.FromMinutes(1));
            evaluated.Add(await NextEvaluationAsync(manager, evaluated.LastOrDefault()));
        }

        Assert.Equal([first, first.AddMinutes(1), first.AddMinutes(2)], evaluated);

        // The first two evaluations wait for the restore; the third writes ALERTS again.
        using var q = storage.CreateQuerier(long.MinValue, long.MaxValue);
        var set = q.Select(false, null, [new Matcher(Model.MatchType.Equal, "__name__", "ALERTS")]);
        Assert.True(set.Next());
        var it = set.Current.Iterator(null);
        Assert.Equal(SampleType.Float, it.Next());
        Assert.Equal(first.AddMinutes(2).ToUnixTimeMilliseconds(), it.At().TimestampMs);
        Assert.Equal(SampleType.None, it.Next());

        var metrics = System.Text.Encoding.UTF8.GetString(registry.ToArray());
        Assert.Contains($"prometheus_rule_group_iterations_total{{rule_group=\"{file};g\"}} 3", metrics, StringComparison.Ordinal);
        Assert.Contains($"prometheus_rule_evaluations_total{{rule_group=\"{file};g\"}} 3", metrics, StringComparison.Ordinal);
        Assert.Contains($"prometheus_rule_group_rules{{rule_group=\"{file};g\"}} 1", metrics, StringComparison.Ordinal);
        Assert.Contains($"prometheus_rule_group_interval_seconds{{rule_group=\"{file};g\"}} 60", metrics, StringComparison.Ordinal);
        Assert.Empty(sent);
    }

    public void Dispose()
    {
        _engine.Dispose();
        Directory.Delete(_directory, true);
    }

    // Evaluation runs on the group's own task after the timer fires; wait for it to finish.
    private static async Task<DateTimeOffset> NextEvaluationAsync(RuleManager manager, DateTimeOffset previous)
    {
        for (var i = 0; i < 3000; i++)
        {
            if (manager.Groups()[0].LastEvaluation is { } last && last != previous)
            {
                return last;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("the group did not evaluate");
    }
}
