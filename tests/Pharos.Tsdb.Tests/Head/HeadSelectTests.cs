using Pharos.Model;
using Pharos.Storage;
using Pharos.Testing.Storage;
using Xunit;
using static Pharos.Tsdb.Tests.Head.HeadFixtures;

namespace Pharos.Tsdb.Tests.Head;

/// <summary>
/// Selection from the head. The matcher table is the one the in-memory storage is held to (Prometheus's querier
/// test series), so both storages answer every selector alike.
/// </summary>
public class HeadSelectTests
{
    private static Pharos.Tsdb.Head.Head Storage()
    {
        var head = NewHead();
        foreach (var labels in MatcherSelectionCases.Series.Values)
        {
            Append(head, labels, (1000, 1.0));
        }

        return head;
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
        var head = NewHead();
        foreach (var v in new[] { "c", "a", "b", "aa" })
        {
            Append(head, L("__name__", "m", "x", v), (1, 1.0));
        }

        using var q = head.CreateQuerier(0, 10);
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
        var head = NewHead();
        Append(head, L("a", "1"), (10, 1.0), (20, 2.0), (30, 3.0));
        using var q = head.CreateQuerier(mint, maxt);
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
        var head = NewHead();
        Append(head, L("a", "1"), (10, 1.0), (20, 2.0), (30, 3.0));
        using var q = head.CreateQuerier(0, 100);
        var series = Drain(q.Select(false, new SelectHints { StartMs = 20, EndMs = 20 }, Matchers("""a="1" """)));
        Assert.Equal([(20L, 2.0)], Assert.Single(series).Samples);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(10, 5)]
    public void Limit_caps_the_number_of_series(int limit, int expected)
    {
        var head = NewHead();
        for (var i = 0; i < 5; i++)
        {
            Append(head, L("__name__", "m", "i", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), (1, 1.0));
        }

        using var q = head.CreateQuerier(0, 10);
        Assert.Equal(expected, Drain(q.Select(true, new SelectHints { Limit = limit }, Matchers("""__name__="m" """))).Count);
    }

    [Fact]
    public void Shards_partition_the_series()
    {
        var head = NewHead();
        for (var i = 0; i < 50; i++)
        {
            Append(head, L("__name__", "m", "i", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), (1, 1.0));
        }

        using var q = head.CreateQuerier(0, 10);
        var all = new List<Labels>();
        for (ulong shard = 0; shard < 3; shard++)
        {
            var hints = new SelectHints { ShardCount = 3, ShardIndex = shard };
            all.AddRange(Drain(q.Select(false, hints, Matchers("""__name__="m" """))).Select(s => s.Labels));
        }

        Assert.Equal(50, all.Distinct().Count());
        Assert.Equal(50, all.Count);
    }

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0, 0)]
    [InlineData(1, 15_000)]
    [InlineData(1_800_000, 1_800_000)]
    [InlineData(5_000_000, 5_010_000)]
    [InlineData(7_185_000, 7_185_000)]
    [InlineData(7_185_001, -1)]
    public void Seek_finds_the_first_sample_at_or_after_the_target_across_chunks(long target, long expected)
    {
        var head = NewHead();
        Append(head, L("a", "1"), [.. Enumerable.Range(0, 480).Select(i => (i * 15_000L, (double)i))]);
        using var q = head.CreateQuerier(long.MinValue, long.MaxValue);
        var set = q.Select(false, null, Matchers("""a="1" """));
        Assert.True(set.Next());
        var it = set.Current.Iterator(null);
        var type = it.Seek(target);
        if (expected < 0)
        {
            Assert.Equal(SampleType.None, type);
            Assert.Equal(SampleType.None, it.Next());
        }
        else
        {
            Assert.Equal(SampleType.Float, type);
            Assert.Equal((expected, expected / 15_000.0), it.At());
            Assert.Equal(SampleType.Float, it.Seek(target - 100_000));
            Assert.Equal(expected, it.AtTimestamp());
        }
    }

    [Fact]
    public void Iterating_after_a_seek_continues_with_the_next_samples()
    {
        var head = NewHead();
        Append(head, L("a", "1"), [.. Enumerable.Range(0, 300).Select(i => (i * 15_000L, (double)i))]);
        using var q = head.CreateQuerier(0, long.MaxValue);
        var set = q.Select(false, null, Matchers("""a="1" """));
        Assert.True(set.Next());
        var it = set.Current.Iterator(null);
        Assert.Equal(SampleType.Float, it.Seek(119 * 15_000));
        var rest = Samples(it);
        Assert.Equal(Enumerable.Range(120, 180).Select(i => i * 15_000L), rest.Select(s => s.T));
    }

    [Theory]
    [InlineData("", "", 0, "i n")]
    [InlineData("", """n="2" """, 0, "n")]
    [InlineData("", """n="1" """, 0, "i n")]
    [InlineData("", "", 1, "i")]
    [InlineData("n", "", 0, "1 2 2.5")]
    [InlineData("n", "", 2, "1 2")]
    [InlineData("i", """n="1" """, 0, "\n a b")]
    [InlineData("i", """i=~"a|b" """, 1, "a")]
    [InlineData("missing", "", 0, "")]
    public void Label_names_and_values_honour_matchers_and_limits(string name, string matchers, int limit, string expected)
    {
        using var q = Storage().CreateQuerier(0, 2000);
        var hints = new LabelHints { Limit = limit };
        var result = name.Length == 0 ? q.LabelNames(hints, Matchers(matchers)) : q.LabelValues(name, hints, Matchers(matchers));
        var want = expected == "\n a b" ? ["\n", "a", "b"] : expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(want, result.Values);
    }

    [Fact]
    public void Label_queries_outside_the_head_range_are_empty()
    {
        using var q = Storage().CreateQuerier(5000, 6000);
        Assert.Empty(q.LabelNames(null, []).Values);
        Assert.Empty(q.LabelValues("n", null, []).Values);
    }

    [Fact]
    public void A_cancelled_selection_reports_the_cancellation()
    {
        using var q = Storage().CreateQuerier(0, 2000);
        var set = q.Select(false, null, Matchers("""n="1" """), new CancellationToken(canceled: true));
        Assert.False(set.Next());
        Assert.IsType<OperationCanceledException>(set.Error, exactMatch: false);
    }
}
