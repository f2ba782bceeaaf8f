using Pharos.Model;
using static Pharos.Storage.Tests.Fixtures;

namespace Pharos.Storage.Tests;

public class FanoutTests
{
    private static readonly Labels Series = L("job", "x");
    private static readonly Matcher Job = new(MatchType.Equal, "job", "x");

    [Fact]
    public void Appends_reach_primary_and_secondaries_with_the_primary_reference()
    {
        var primary = new MemoryStorage();
        var secondary = new MemoryStorage();
        secondary.Load(L("other", "y"), (1, 1.0));
        var app = new FanoutAppendable(primary, secondary).CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(AppendStatus.Ok, app.Append(ref r, Series, 10, 1));
        Assert.Equal(AppendStatus.Ok, app.Append(ref r, Series, 20, 2));
        app.Commit();

        Assert.Equal(1UL, r.Value);
        foreach (var s in new[] { primary, secondary })
        {
            using var q = s.CreateQuerier(0, 100);
            Assert.Equal([10L, 20], Assert.Single(Drain(q.Select(false, null, Job))).Samples.Select(x => x.T));
        }
    }

    [Fact]
    public void Primary_rejection_is_returned_and_secondaries_are_skipped()
    {
        var primary = new MemoryStorage();
        var secondary = new MemoryStorage();
        primary.Load(Series, (100, 1.0));
        var app = new FanoutAppendable(primary, secondary).CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(AppendStatus.OutOfOrder, app.Append(ref r, Series, 50, 1));
        app.Commit();
        Assert.Equal(0, secondary.SeriesCount);
    }

    [Fact]
    public void Rollback_discards_everywhere()
    {
        var primary = new MemoryStorage();
        var secondary = new MemoryStorage();
        var app = new FanoutAppendable(primary, secondary).CreateAppender();
        var r = SeriesRef.None;
        app.Append(ref r, Series, 10, 1);
        app.Rollback();
        foreach (var s in new[] { primary, secondary })
        {
            using var q = s.CreateQuerier(0, 100);
            Assert.Empty(Drain(q.Select(false, null, Job)));
        }
    }

    [Fact]
    public void Fanout_queryable_merges_primary_and_secondary()
    {
        var primary = new MemoryStorage();
        var secondary = new MemoryStorage();
        primary.Load(Series, (10, 1.0));
        secondary.Load(Series, (10, 1.0), (5, 0.5));
        using var q = new FanoutQueryable(primary, secondary).CreateQuerier(0, 100);
        Assert.Equal([(5L, 0.5), (10L, 1.0)], Assert.Single(Drain(q.Select(false, null, Job))).Samples);
    }
}
