using Pharos.Model;
using static Pharos.Storage.Tests.Fixtures;

namespace Pharos.Storage.Tests;

public class MergeQuerierTests
{
    private static readonly Matcher Job = new(MatchType.Equal, "job", "x");

    [Fact]
    public void Identical_series_from_several_sources_are_merged_with_overlaps_once()
    {
        var a = new MemoryStorage();
        var b = new MemoryStorage();
        a.Load(L("job", "x", "i", "1"), (10, 1.0), (20, 2.0), (30, 3.0));
        b.Load(L("job", "x", "i", "1"), (20, 2.0), (30, 3.0), (40, 4.0));
        a.Load(L("job", "x", "i", "0"), (10, 0.0));
        b.Load(L("job", "x", "i", "2"), (10, 0.0));

        using var q = new MergeQuerier([a.CreateQuerier(0, 100), b.CreateQuerier(0, 100)]);
        var got = Drain(q.Select(false, null, Job));

        Assert.Equal(["0", "1", "2"], got.Select(s => s.Labels.Get("i")));
        Assert.Equal([10L, 20, 30, 40], got[1].Samples.Select(s => s.T));
    }

    [Fact]
    public void Merged_series_can_be_iterated_twice_with_reuse()
    {
        var a = new MemoryStorage();
        var b = new MemoryStorage();
        a.Load(L("job", "x"), (10, 1.0));
        b.Load(L("job", "x"), (20, 2.0));
        using var q = new MergeQuerier([a.CreateQuerier(0, 100), b.CreateQuerier(0, 100)]);
        var set = q.Select(true, null, Job);
        Assert.True(set.Next());
        var series = set.Current;
        var it = series.Iterator(null);
        Assert.Equal(2, Samples(it).Count);
        var again = series.Iterator(it);
        Assert.Same(it, again);
        Assert.Equal([(10L, 1.0), (20L, 2.0)], Samples(again));
    }

    [Fact]
    public void Limit_applies_to_the_merged_result()
    {
        var a = new MemoryStorage();
        var b = new MemoryStorage();
        foreach (var i in new[] { "1", "3", "5" })
        {
            a.Load(L("job", "x", "i", i), (1, 1.0));
        }

        foreach (var i in new[] { "2", "3", "4" })
        {
            b.Load(L("job", "x", "i", i), (1, 1.0));
        }

        using var q = new MergeQuerier([a.CreateQuerier(0, 10), b.CreateQuerier(0, 10)]);
        var got = Drain(q.Select(false, new SelectHints { Limit = 3 }, Job));
        Assert.Equal(["1", "2", "3"], got.Select(s => s.Labels.Get("i")));
    }

    [Fact]
    public void Label_names_and_values_are_united_sorted_and_limited()
    {
        var a = new MemoryStorage();
        var b = new MemoryStorage();
        a.Load(L("job", "x", "a", "1"), (1, 1.0));
        b.Load(L("job", "x", "b", "2"), (1, 1.0));
        b.Load(L("job", "y", "a", "0"), (1, 1.0));

        using var q = new MergeQuerier([a.CreateQuerier(0, 10), b.CreateQuerier(0, 10)]);
        Assert.Equal(["a", "b", "job"], q.LabelNames(null).Values);
        Assert.Equal(["a", "b"], q.LabelNames(new LabelHints { Limit = 2 }).Values);
        Assert.Equal(["x", "y"], q.LabelValues("job", null).Values);
        Assert.Equal(["1"], q.LabelValues("a", null, Job).Values);
    }

    [Fact]
    public void Failing_secondary_becomes_a_warning()
    {
        var a = new MemoryStorage();
        a.Load(L("job", "x"), (1, 1.0));
        using var q = new MergeQuerier([a.CreateQuerier(0, 10)], [new FailingQuerier()]);

        var set = q.Select(false, null, Job);
        Assert.Single(Drain(set));
        Assert.Contains("remote down", set.Warnings);

        var names = q.LabelNames(null);
        Assert.Equal(["job"], names.Values);
        Assert.Contains("remote down", names.Warnings);
    }

    [Fact]
    public void Failing_primary_fails_the_selection()
    {
        var a = new MemoryStorage();
        a.Load(L("job", "x"), (1, 1.0));
        using var q = new MergeQuerier([a.CreateQuerier(0, 10), new FailingQuerier()]);
        var set = q.Select(false, null, Job);
        while (set.Next())
        {
        }

        Assert.Equal("remote down", set.Error?.Message);
        Assert.Throws<InvalidOperationException>(() => q.LabelNames(null));
    }

    [Fact]
    public void Disposing_the_merge_disposes_every_source()
    {
        var one = new FailingQuerier();
        var two = new FailingQuerier();
        new MergeQuerier([one], [two]).Dispose();
        Assert.True(one.Disposed);
        Assert.True(two.Disposed);
    }

    [Fact]
    public void Merge_series_set_of_sorted_lists_interleaves_and_dedupes()
    {
        var set = new MergeSeriesSet(
            SeriesSet.FromList(ListSeries.FromFloats(L("a", "1"), (1, 1.0)), ListSeries.FromFloats(L("a", "3"), (1, 1.0))),
            SeriesSet.Empty,
            SeriesSet.FromList(ListSeries.FromFloats(L("a", "2"), (1, 1.0)), ListSeries.FromFloats(L("a", "3"), (2, 2.0))));
        var got = Drain(set);
        Assert.Equal(["1", "2", "3"], got.Select(s => s.Labels.Get("a")));
        Assert.Equal([(1L, 1.0), (2L, 2.0)], got[2].Samples);
    }

    private sealed class FailingQuerier : IQuerier
    {
        public bool Disposed { get; private set; }

        public ISeriesSet Select(bool sortSeries, SelectHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default) =>
            new ErrorSeriesSet(new InvalidOperationException("remote down"));

        public LabelQueryResult LabelValues(string name, LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("remote down");

        public LabelQueryResult LabelNames(LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("remote down");

        public void Dispose() => Disposed = true;
    }
}
