using Pharos.Storage;
using Xunit;
using static Pharos.Tsdb.Tests.Head.HeadFixtures;

namespace Pharos.Tsdb.Tests.Head;

/// <summary>Truncation drops old chunks and garbage-collects the series left without any, as upstream's head does.</summary>
public class HeadGcTests
{
    private const long Hour = 3_600_000;

    [Fact]
    public void Truncate_drops_chunks_that_end_before_the_bound_and_keeps_the_rest()
    {
        var head = NewHead();
        Append(head, L("a", "1"), [.. Enumerable.Range(0, 480).Select(i => (i * 15_000L, 1.0))]);
        Assert.Equal(4, head.Metrics.HeadChunks);
        Assert.Equal(0, head.Truncate(Hour));
        Assert.Equal(2, head.Metrics.HeadChunks);
        Assert.Equal(2, head.Metrics.HeadChunksRemovedTotal);
        Assert.Equal(Hour, Read(head, L("a", "1"))[0].T);
        Assert.Equal(Hour, head.MinTimeMs);
    }

    [Fact]
    public void Series_without_chunks_after_truncation_are_removed_everywhere()
    {
        var head = NewHead();
        var old = Append(head, L("__name__", "m", "job", "old"), (1000, 1.0));
        Append(head, L("__name__", "m", "job", "new"), (3 * Hour, 1.0));
        Assert.Equal(1, head.Truncate(2 * Hour));

        Assert.Equal(1, head.SeriesCount);
        Assert.Equal(1, head.Metrics.HeadSeriesRemovedTotal);
        Assert.Null(head.GetByRef(old.Value));
        Assert.Null(head.Find(L("__name__", "m", "job", "old")));
        Assert.Equal(["new"], head.Postings.LabelValues("job"));
        Assert.Equal(1, head.Postings.SeriesCount);
        using var q = head.CreateQuerier(long.MinValue, long.MaxValue);
        Assert.Equal(["new"], q.LabelValues("job", null, []).Values);
    }

    [Fact]
    public void A_series_appended_again_after_collection_gets_a_new_reference()
    {
        var head = NewHead();
        var first = Append(head, L("a", "1"), (1000, 1.0));
        head.Truncate(2 * Hour);
        var second = Append(head, L("a", "1"), (3 * Hour, 2.0));
        Assert.True(second.Value > first.Value);
        Assert.Equal([(3 * Hour, 2.0)], Read(head, L("a", "1")));
    }

    [Fact]
    public void A_stale_reference_falls_back_to_the_labels()
    {
        var head = NewHead();
        var r = Append(head, L("a", "1"), (1000, 1.0));
        head.Truncate(2 * Hour);
        var app = head.CreateAppender();
        Assert.Equal(AppendStatus.Ok, app.Append(ref r, L("a", "1"), 3 * Hour, 2.0));
        app.Commit();
        Assert.Equal([(3 * Hour, 2.0)], Read(head, L("a", "1")));
    }

    [Fact]
    public void A_series_with_an_uncommitted_sample_survives_collection()
    {
        var head = NewHead();
        var app = head.CreateAppender();
        var r = SeriesRef.None;
        app.Append(ref r, L("a", "1"), 3 * Hour, 1.0);
        head.Truncate(2 * Hour);
        app.Commit();
        Assert.Equal([(3 * Hour, 1.0)], Read(head, L("a", "1")));
    }

    [Fact]
    public void Samples_before_the_truncation_point_are_out_of_bounds()
    {
        var head = NewHead();
        head.Truncate(2 * Hour);
        var app = head.CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(AppendStatus.OutOfBounds, app.Append(ref r, L("a", "1"), (2 * Hour) - 1, 1.0));
        Assert.Equal(AppendStatus.Ok, app.Append(ref r, L("a", "1"), 2 * Hour, 1.0));
        app.Commit();
    }

    [Fact]
    public void Collecting_many_series_releases_them_from_the_reference_table()
    {
        var head = NewHead();
        var refs = new List<SeriesRef>();
        var app = head.CreateAppender();
        for (var i = 0; i < 10_000; i++)
        {
            var r = SeriesRef.None;
            app.Append(ref r, L("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), 1000, 1.0);
            refs.Add(r);
        }

        app.Commit();
        Assert.Equal(10_000, head.Truncate(2 * Hour));
        Assert.All(refs, r => Assert.Null(head.GetByRef(r.Value)));
        Assert.Equal(0, head.Metrics.HeadSeries);
        Assert.Empty(head.Postings.LabelNames());
    }
}
