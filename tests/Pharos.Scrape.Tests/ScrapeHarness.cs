using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Client;
using Pharos.Config;
using Pharos.Discovery;
using Pharos.Model;
using Pharos.Storage;

namespace Pharos.Scrape.Tests;

/// <summary>
/// A scrape manager over <see cref="MemoryStorage"/> whose loops do not run on their own: the test sets the clock and
/// calls <see cref="ScrapeAsync"/> to scrape every target once, then reads what was stored.
/// </summary>
internal sealed class ScrapeHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public ScrapeHarness(bool startLoops = false, TimeProvider? time = null)
    {
        Clock = new SettableClock(Start);
        Registry = new MetricRegistry();
        Manager = new ScrapeManager(Storage, new ScrapeManagerOptions { OffsetSeed = 1, Hostname = "pharos-test" }, time ?? Clock, NullLoggerFactory.Instance, Registry)
        {
            StartLoops = startLoops,
        };
    }

    public MemoryStorage Storage { get; } = new();

    public SettableClock Clock { get; }

    public MetricRegistry Registry { get; }

    public ScrapeManager Manager { get; }

    /// <summary>Applies a <c>prometheus.yml</c> text.</summary>
    public void Configure(string yaml) => Manager.ApplyConfig(ConfigLoader.Load(yaml));

    /// <summary>Sets the targets of <paramref name="job"/> to one static group of <paramref name="addresses"/>.</summary>
    public void Targets(string job, params string[] addresses) => Targets(job, Labels.Empty, addresses);

    public void Targets(string job, Labels groupLabels, params string[] addresses) =>
        Manager.UpdateTargets(new Dictionary<string, IReadOnlyList<DiscoveredTargetGroup>>
        {
            [job] = [new DiscoveredTargetGroup("static/0", [.. addresses.Select(a => Labels.FromStrings("__address__", a))], groupLabels)],
        });

    /// <summary>Advances the clock by <paramref name="step"/> and scrapes every target once.</summary>
    /// <returns>The errors by target address (null when the scrape succeeded).</returns>
    public async Task<Dictionary<string, string?>> ScrapeAsync(TimeSpan? step = null)
    {
        Clock.Advance(step ?? TimeSpan.FromSeconds(15));
        var errors = new Dictionary<string, string?>();
        foreach (var pool in Manager.PoolsSnapshot())
        {
            foreach (var loop in pool.Loops())
            {
                errors[loop.Target.AllLabels.Get("__address__")] = await loop.ScrapeAndReportAsync(Clock.Now, CancellationToken.None);
            }
        }

        return errors;
    }

    public long NowMs => Clock.Now.ToUnixTimeMilliseconds();

    /// <summary>Every stored series with its samples, by the series' text form.</summary>
    public Dictionary<string, List<(long TimestampMs, double Value)>> Series()
    {
        var result = new Dictionary<string, List<(long, double)>>();
        using var querier = Storage.CreateQuerier(long.MinValue, long.MaxValue);
        var set = querier.Select(true, null, new Matcher(Pharos.Model.MatchType.Regex, "__name__", ".+"));
        while (set.Next())
        {
            var samples = new List<(long, double)>();
            var it = set.Current.Iterator(null);
            while (it.Next() != SampleType.None)
            {
                samples.Add(it.At());
            }

            result[set.Current.Labels.ToString()] = samples;
        }

        return result;
    }

    /// <summary>The value of the newest sample of a series, or null when absent.</summary>
    public double? Last(string series) => Series().TryGetValue(series, out var samples) && samples.Count > 0 ? samples[^1].Value : null;

    public async ValueTask DisposeAsync() => await Manager.DisposeAsync();
}
