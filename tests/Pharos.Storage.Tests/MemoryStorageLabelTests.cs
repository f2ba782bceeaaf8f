using static Pharos.Storage.Tests.Fixtures;

namespace Pharos.Storage.Tests;

public class MemoryStorageLabelTests
{
    private static MemoryStorage Storage()
    {
        var s = new MemoryStorage();
        s.Load(L("__name__", "up", "job", "api", "instance", "a"), (10, 1.0));
        s.Load(L("__name__", "up", "job", "api", "instance", "b"), (10, 1.0));
        s.Load(L("__name__", "up", "job", "db", "instance", "c"), (10, 1.0));
        s.Load(L("__name__", "errors", "job", "api", "code", "500"), (10, 1.0));
        s.Load(L("__name__", "old", "job", "gone"), (1, 1.0));
        return s;
    }

    [Theory]
    [InlineData("job", "", 0, "api db")]
    [InlineData("job", "", 1, "api")]
    [InlineData("instance", "", 0, "a b c")]
    [InlineData("instance", """job="api" """, 0, "a b")]
    [InlineData("instance", """job="api" """, 1, "a")]
    [InlineData("code", """__name__="up" """, 0, "")]
    [InlineData("job", """code=~"5.." """, 0, "api")]
    [InlineData("missing", "", 0, "")]
    [InlineData("__name__", """instance="" """, 0, "errors")]
    public void Label_values_are_sorted_filtered_by_matchers_and_limited(string name, string matchers, int limit, string expected)
    {
        using var q = Storage().CreateQuerier(5, 100);
        var got = q.LabelValues(name, new LabelHints { Limit = limit }, Matchers(matchers));
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), got.Values);
        Assert.Empty(got.Warnings);
    }

    [Theory]
    [InlineData("", 0, "__name__ code instance job")]
    [InlineData("", 2, "__name__ code")]
    [InlineData("""__name__="up" """, 0, "__name__ instance job")]
    [InlineData("""code!="" """, 0, "__name__ code job")]
    [InlineData("""job="nope" """, 0, "")]
    public void Label_names_are_sorted_filtered_by_matchers_and_limited(string matchers, int limit, string expected)
    {
        using var q = Storage().CreateQuerier(5, 100);
        var got = q.LabelNames(new LabelHints { Limit = limit }, Matchers(matchers));
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), got.Values);
    }

    [Fact]
    public void Series_without_data_in_range_contribute_no_labels()
    {
        using var q = Storage().CreateQuerier(0, 5);
        Assert.Equal(["gone"], q.LabelValues("job", null).Values);
    }

    [Fact]
    public void Cancelled_label_queries_throw()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        using var q = Storage().CreateQuerier(0, 100);
        Assert.ThrowsAny<OperationCanceledException>(() => q.LabelNames(null, [], cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => q.LabelValues("job", null, [], cts.Token));
    }

    [Fact]
    public void Disposed_querier_refuses_work()
    {
        var q = Storage().CreateQuerier(0, 100);
        q.Dispose();
        Assert.Throws<ObjectDisposedException>(() => q.LabelNames(null));
    }
}
