using Pharos.Model;
using Pharos.Testing.Storage;
using static Pharos.Storage.Tests.Fixtures;

namespace Pharos.Storage.Tests;

/// <summary>
/// Selection semantics on the series Prometheus's own querier tests use: a label that a series lacks matches as the
/// empty string, so matchers that accept "" also select series without the label.
/// </summary>
public class MemoryStorageSelectTests
{
    private static MemoryStorage Storage()
    {
        var storage = new MemoryStorage();
        foreach (var labels in MatcherSelectionCases.Series.Values)
        {
            storage.Load(labels, (1000, 1.0));
        }

        return storage;
    }

    [Theory]
    [MemberData(nameof(MatcherSelectionCases.Rows), MemberType = typeof(MatcherSelectionCases))]
    public void Matchers_select_series_as_Prometheus_does(string matchers, string expected)
    {
        using var q = Storage().CreateQuerier(0, 2000);
        var got = Drain(q.Select(true, null, Matchers(matchers))).Select(s => s.Labels).ToList();
        Assert.Equal(MatcherSelectionCases.Expected(expected), got);
    }

    [Fact]
    public void Select_sorts_series_by_labels_when_asked()
    {
        var storage = new MemoryStorage();
        foreach (var v in new[] { "c", "a", "b", "aa" })
        {
            storage.Load(L("__name__", "m", "x", v), (1, 1.0));
        }

        using var q = storage.CreateQuerier(0, 10);
        var got = Drain(q.Select(true, null, Matchers("""__name__="m" """))).Select(s => s.Labels.Get("x"));
        Assert.Equal(["a", "aa", "b", "c"], got);
    }

    [Theory]
    [InlineData(0, 100, "10 20 30")]
    [InlineData(15, 25, "20")]
    [InlineData(20, 30, "20 30")]
    [InlineData(31, 100, "")]
    [InlineData(-100, 9, "")]
    public void Select_returns_only_samples_in_the_querier_range(long mint, long maxt, string expected)
    {
        var storage = new MemoryStorage();
        storage.Load(L("a", "1"), (10, 1.0), (20, 2.0), (30, 3.0));
        using var q = storage.CreateQuerier(mint, maxt);
        var series = Drain(q.Select(false, null, Matchers("""a="1" """)));
        var want = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
        if (want.Count == 0)
        {
            Assert.Empty(series);
        }
        else
        {
            Assert.Equal(want, Assert.Single(series).Samples.Select(s => s.T));
        }
    }

    [Fact]
    public void Hinted_range_replaces_the_querier_range()
    {
        var storage = new MemoryStorage();
        storage.Load(L("a", "1"), (10, 1.0), (20, 2.0), (30, 3.0));
        using var q = storage.CreateQuerier(0, 100);
        var series = Drain(q.Select(false, new SelectHints { StartMs = 20, EndMs = 20 }, Matchers("""a="1" """)));
        Assert.Equal([(20L, 2.0)], Assert.Single(series).Samples);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(10, 5)]
    public void Select_limit_caps_the_series_count(int limit, int expected)
    {
        var storage = new MemoryStorage();
        for (var i = 0; i < 5; i++)
        {
            storage.Load(L("__name__", "m", "i", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), (1, 1.0));
        }

        using var q = storage.CreateQuerier(0, 10);
        var got = Drain(q.Select(true, new SelectHints { Limit = limit }, Matchers("""__name__="m" """)));
        Assert.Equal(expected, got.Count);
        Assert.Equal(got.Select(s => s.Labels).Order().ToList(), got.Select(s => s.Labels).ToList());
    }

    [Fact]
    public void Shards_partition_the_series()
    {
        var storage = new MemoryStorage();
        for (var i = 0; i < 50; i++)
        {
            storage.Load(L("__name__", "m", "i", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), (1, 1.0));
        }

        using var q = storage.CreateQuerier(0, 10);
        var seen = new List<Labels>();
        for (ulong shard = 0; shard < 3; shard++)
        {
            seen.AddRange(Drain(q.Select(false, new SelectHints { ShardCount = 3, ShardIndex = shard }, Matchers("""__name__="m" """))).Select(s => s.Labels));
        }

        Assert.Equal(50, seen.Distinct().Count());
        Assert.Equal(50, seen.Count);
    }

    [Fact]
    public void Cancelled_select_reports_the_cancellation_as_its_error()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        using var q = Storage().CreateQuerier(0, 2000);
        var set = q.Select(false, null, Matchers("""n="1" """), cts.Token);
        Assert.False(set.Next());
        Assert.IsAssignableFrom<OperationCanceledException>(set.Error);
    }

    [Fact]
    public void Series_stay_readable_after_the_querier_is_disposed_and_new_data_arrives()
    {
        var storage = new MemoryStorage();
        storage.Load(L("a", "1"), (10, 1.0));
        ISeries series;
        using (var q = storage.CreateQuerier(0, 100))
        {
            var set = q.Select(false, null, Matchers("""a="1" """));
            Assert.True(set.Next());
            series = set.Current;
        }

        Append(storage, L("a", "1"), (20, 2.0));
        Assert.Equal([(10L, 1.0)], Samples(series.Iterator(null)));
    }
}
