using Pharos.Model;
using Pharos.PromQL.Engine;
using Pharos.Storage;
using Xunit;

namespace Pharos.PromQL.Tests.Engine;

/// <summary>The engine's limits: timeout, cancellation, the sample limit and the concurrency gate.</summary>
public sealed class EngineLimitsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>Ten series with a sample every 15 s for an hour.</summary>
    private static MemoryStorage Storage()
    {
        var storage = new MemoryStorage();
        for (var i = 0; i < 10; i++)
        {
            storage.Load(Labels.FromStrings("__name__", "x", "i", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Enumerable.Range(0, 241).Select(k => (k * 15_000L, (double)k)));
        }

        return storage;
    }

    [Fact]
    public void Query_within_the_limits_succeeds_and_counts_samples()
    {
        using var engine = new PromQLEngine();
        var result = engine.InstantQuery(Storage(), "sum(rate(x[5m]))", 3_600_000);
        Assert.Null(result.Error);
        Assert.True(result.Stats.TotalSamples > 0);
        Assert.True(result.Stats.PeakSamples > 0);
    }

    [Theory]
    [InlineData("x[1h]", 0L)]
    [InlineData("x", 15_000L)]
    [InlineData("sum_over_time(x[1h])", 60_000L)]
    public void Query_over_the_sample_limit_fails_with_upstream_error(string query, long stepMs)
    {
        using var engine = new PromQLEngine(new EngineOptions { MaxSamples = 100 });
        var result = stepMs == 0
            ? engine.InstantQuery(Storage(), query, 3_600_000)
            : engine.RangeQuery(Storage(), query, 0, 3_600_000, stepMs);
        Assert.NotNull(result.Error);
        Assert.Equal(QueryErrorKind.TooManySamples, result.Error.Kind);
        Assert.Equal("query processing would load too many samples into memory in query execution", result.Error.Message);
    }

    [Fact]
    public void Query_exceeding_the_timeout_fails_with_timeout()
    {
        using var storage = new BlockingQueryable(Storage());
        using var engine = new PromQLEngine(new EngineOptions { Timeout = TimeSpan.FromMilliseconds(50) });
        var result = engine.InstantQuery(storage, "x", 3_600_000);
        Assert.NotNull(result.Error);
        Assert.Equal(QueryErrorKind.Timeout, result.Error.Kind);
        Assert.Equal("query timed out in query execution", result.Error.Message);
    }

    [Fact]
    public async Task Canceled_query_fails_with_canceled()
    {
        using var storage = new BlockingQueryable(Storage());
        using var engine = new PromQLEngine();
        using var cts = new CancellationTokenSource();
        var query = Task.Run(() => engine.InstantQuery(storage, "x", 3_600_000, cts.Token));
        Assert.True(storage.Entered.Wait(Wait));
        cts.Cancel();
        var result = await query.WaitAsync(Wait);
        Assert.NotNull(result.Error);
        Assert.Equal(QueryErrorKind.Canceled, result.Error.Kind);
        Assert.Equal("query was canceled in query execution", result.Error.Message);
    }

    [Fact]
    public void Query_canceled_before_it_starts_does_not_run()
    {
        using var storage = new BlockingQueryable(Storage());
        using var engine = new PromQLEngine();
        var result = engine.InstantQuery(storage, "x", 3_600_000, new CancellationToken(canceled: true));
        Assert.Equal(QueryErrorKind.Canceled, result.Error?.Kind);
        Assert.Equal(0, storage.Selects);
    }

    [Fact]
    public async Task Queries_over_the_concurrency_limit_wait_for_a_slot()
    {
        using var storage = new BlockingQueryable(Storage());
        using var engine = new PromQLEngine(new EngineOptions { MaxConcurrentQueries = 1 });
        var first = Task.Run(() => engine.InstantQuery(storage, "x", 3_600_000));
        Assert.True(storage.Entered.Wait(Wait));
        var second = Task.Run(() => engine.InstantQuery(storage, "x", 3_600_000));

        // The second query is queued at the gate: it never reaches storage while the first holds the slot.
        Assert.False(storage.Entered.Wait(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(1, storage.Selects);
        storage.Release.Set();
        var results = await Task.WhenAll(first, second).WaitAsync(Wait);
        Assert.Null(results[0].Error);
        Assert.Null(results[1].Error);
        Assert.Equal(2, storage.Selects);
        Assert.True(results[1].Stats.QueueTime > TimeSpan.Zero);
    }

    [Fact]
    public async Task Queued_query_times_out_while_waiting_for_a_slot()
    {
        using var storage = new BlockingQueryable(Storage()) { IgnoreCancellation = true };
        using var engine = new PromQLEngine(new EngineOptions { MaxConcurrentQueries = 1, Timeout = TimeSpan.FromMilliseconds(300) });
        var first = Task.Run(() => engine.InstantQuery(storage, "x", 3_600_000));
        Assert.True(storage.Entered.Wait(Wait));
        var second = engine.InstantQuery(storage, "x", 3_600_000);
        Assert.Equal(QueryErrorKind.Timeout, second.Error?.Kind);
        Assert.Equal(1, storage.Selects);
        storage.Release.Set();
        await first.WaitAsync(Wait);
    }
}
