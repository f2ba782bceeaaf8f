using Pharos.Model;
using Pharos.PromQL.Engine;
using Pharos.Storage;

namespace Pharos.Rules.Tests;

/// <summary>
/// A rule file in a temporary directory, evaluated with the real PromQL engine over <see cref="MemoryStorage"/>;
/// tests call <see cref="EvaluateAsync"/> at chosen times instead of waiting for timers.
/// </summary>
internal sealed class RuleHarness : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pharos-rules-").FullName;
    private readonly PromQLEngine _engine = new();

    public RuleHarness(string ruleFile, TimeSpan? resendDelay = null, bool restore = false, string externalUrl = "http://prom.example:9090")
    {
        RuleFilePath = Path.Combine(_directory, "rules.yml");
        File.WriteAllText(RuleFilePath, ruleFile);
        Manager = new RuleManager(new RuleManagerOptions
        {
            Query = RuleQuery.FromEngine(_engine, Storage),
            Appendable = Storage,
            Queryable = restore ? Storage : null,
            Notify = (expr, alerts) => Sent.AddRange(alerts.Select(a => (expr, a))),
            ResendDelay = resendDelay ?? TimeSpan.FromMinutes(1),
        });
        Groups = Manager.LoadGroups([RuleFilePath], TimeSpan.FromMinutes(1), Labels.FromStrings("region", "eu"), externalUrl);
    }

    public MemoryStorage Storage { get; } = new();

    public RuleManager Manager { get; }

    public string RuleFilePath { get; }

    public IReadOnlyList<RuleGroup> Groups { get; }

    public List<(string Expr, AlertToSend Alert)> Sent { get; } = [];

    public static DateTimeOffset At(int minutes, int seconds = 0) => DateTimeOffset.UnixEpoch.AddMinutes(minutes).AddSeconds(seconds);

    /// <summary>Adds samples of one series every minute from time 0; null leaves a gap.</summary>
    public void Series(string name, string[] labels, params double?[] values)
    {
        var samples = new List<(long, double)>();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } v)
            {
                samples.Add((i * 60_000L, v));
            }
        }

        Storage.Load(Labels.FromStrings([LabelNames.MetricName, name, .. labels]), samples);
    }

    public async Task EvaluateAsync(DateTimeOffset ts)
    {
        foreach (var g in Groups)
        {
            await g.EvaluateAsync(ts);
        }
    }

    /// <summary>Evaluates every minute from <paramref name="fromMinute"/> to <paramref name="toMinute"/> inclusive.</summary>
    public async Task EvaluateMinutesAsync(int fromMinute, int toMinute)
    {
        for (var m = fromMinute; m <= toMinute; m++)
        {
            await EvaluateAsync(At(m));
        }
    }

    public RuleState Rule(string name) => Groups.SelectMany(g => g.State().Rules).Single(r => r.Name == name);

    /// <summary>The raw samples of the series with exactly these labels, stale markers included.</summary>
    public List<(long TimestampMs, double Value)> Samples(Labels labels)
    {
        using var q = Storage.CreateQuerier(long.MinValue, long.MaxValue);
        var set = q.Select(false, null, [new Matcher(Model.MatchType.Equal, LabelNames.MetricName, labels.MetricName)]);
        var result = new List<(long, double)>();
        while (set.Next())
        {
            if (set.Current.Labels != labels)
            {
                continue;
            }

            var it = set.Current.Iterator(null);
            while (it.Next() == SampleType.Float)
            {
                result.Add(it.At());
            }
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await Manager.DisposeAsync();
        _engine.Dispose();
        Directory.Delete(_directory, true);
    }
}
