using System.Globalization;
using System.Text.Json;
using Pharos.Model;
using Pharos.PromQL.Engine;
using Pharos.Storage;
using Xunit;

namespace Pharos.PromQL.Tests.Engine;

/// <summary>Per-query statistics: upstream's sample counting, per-step counts and the <c>stats=all</c> JSON shape.</summary>
public sealed class QueryStatsTests
{
    private const long HourMs = 3_600_000;

    /// <summary>Ten series with a sample every 15 s for an hour (241 samples each).</summary>
    private static MemoryStorage Storage()
    {
        var storage = new MemoryStorage();
        for (var i = 0; i < 10; i++)
        {
            storage.Load(Labels.FromStrings("__name__", "x", "i", i.ToString(CultureInfo.InvariantCulture)), Enumerable.Range(0, 241).Select(k => (k * 15_000L, (double)k)));
        }

        return storage;
    }

    [Theory]
    [InlineData("x", 10L)] // one sample per series at the step
    [InlineData("sum(x)", 10L)] // aggregations count nothing themselves
    [InlineData("sum_over_time(x[1m])", 40L)] // the window (59:00, 60:00] holds four samples per series
    [InlineData("x[1m]", 40L)]
    [InlineData("max_over_time(sum(x)[1m:15s])", 40L + 4L)] // the subquery's own samples plus its four points
    [InlineData("1 + 1", 0L)]
    public void Instant_query_counts_the_samples_it_processes_as_upstream(string query, long expected)
    {
        using var engine = new PromQLEngine();
        var result = engine.InstantQuery(Storage(), query, HourMs);
        Assert.Null(result.Error);
        Assert.Equal(expected, result.Stats.TotalSamples);
        Assert.Null(result.Stats.TotalSamplesPerStep);
    }

    [Fact]
    public void Range_query_counts_samples_per_step_when_asked()
    {
        using var engine = new PromQLEngine();
        var result = engine.RangeQuery(Storage(), "rate(x[1m])", HourMs - 120_000, HourMs, 60_000, new QueryOptions { EnablePerStepStats = true });
        Assert.Null(result.Error);
        Assert.Equal([new StepSamples(HourMs - 120_000, 40), new StepSamples(HourMs - 60_000, 40), new StepSamples(HourMs, 40)], result.Stats.TotalSamplesPerStep);
        Assert.Equal(120, result.Stats.TotalSamples);
        Assert.True(result.Stats.PeakSamples > 0);
        Assert.True(result.Stats.SamplesLoaded >= 10 * 12);
    }

    [Fact]
    public void Statistics_are_written_in_upstream_json_shape()
    {
        using var engine = new PromQLEngine();
        var result = engine.RangeQuery(Storage(), "x", HourMs - 15_000, HourMs, 15_000, new QueryOptions { EnablePerStepStats = true });
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            result.Stats.WriteJson(writer);
        }

        using var json = JsonDocument.Parse(buffer.ToArray());
        var root = json.RootElement;
        Assert.Equal(["timings", "samples"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["evalTotalTime", "resultSortTime", "queryPreparationTime", "innerEvalTime", "execQueueTime", "execTotalTime"],
            root.GetProperty("timings").EnumerateObject().Select(p => p.Name));
        Assert.All(root.GetProperty("timings").EnumerateObject(), p => Assert.True(p.Value.GetDouble() >= 0));
        var samples = root.GetProperty("samples");
        Assert.Equal(["totalQueryableSamplesPerStep", "totalQueryableSamples", "peakSamples"], samples.EnumerateObject().Select(p => p.Name));
        Assert.Equal("[[3585,10],[3600,10]]", samples.GetProperty("totalQueryableSamplesPerStep").GetRawText());
        Assert.Equal(20, samples.GetProperty("totalQueryableSamples").GetInt64());
        Assert.True(result.Stats.ExecTotalTime >= result.Stats.EvalTime);
    }
}
