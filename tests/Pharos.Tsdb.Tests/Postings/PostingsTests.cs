using Pharos.Model;
using Pharos.Tsdb.Postings;
using Xunit;

namespace Pharos.Tsdb.Tests.Postings;

/// <summary>Postings cursors and their set operations, and the in-memory index.</summary>
public class PostingsTests
{
    private static PostingsIterator P(string refs) =>
        new ListPostings(refs.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ulong.Parse).ToArray());

    private static string S(PostingsIterator it) => string.Join(' ', PostingsIterator.Expand(it));

    [Theory]
    [InlineData("1 2 3 4 5", "2 4 6", "", "2 4")]
    [InlineData("1 2 3", "4 5 6", "", "")]
    [InlineData("1 2 3", "", "", "")]
    [InlineData("1 5 9 13", "1 2 5 9 10 13", "5 13 14", "5 13")]
    [InlineData("10 20 30", "10 20 30", "10 20 30", "10 20 30")]
    public void Intersect_keeps_references_present_in_every_list(string a, string b, string c, string expected)
    {
        var its = new List<PostingsIterator> { P(a), P(b) };
        if (c.Length > 0)
        {
            its.Add(P(c));
        }

        Assert.Equal(expected, S(PostingsIterator.Intersect([.. its])));
    }

    [Theory]
    [InlineData("1 3 5", "2 4 6", "", "1 2 3 4 5 6")]
    [InlineData("1 2 3", "2 3 4", "3 4 5", "1 2 3 4 5")]
    [InlineData("", "", "", "")]
    [InlineData("7", "", "", "7")]
    public void Merge_keeps_every_reference_once(string a, string b, string c, string expected) =>
        Assert.Equal(expected, S(PostingsIterator.Merge(P(a), P(b), P(c))));

    [Theory]
    [InlineData("1 2 3 4 5", "2 4", "1 3 5")]
    [InlineData("1 2 3", "", "1 2 3")]
    [InlineData("1 2 3", "1 2 3", "")]
    [InlineData("1 2 3", "0 4 5", "1 2 3")]
    [InlineData("2 4 6 8", "1 3 4 5 8 9", "2 6")]
    public void Without_removes_the_references_of_the_second_list(string full, string drop, string expected) =>
        Assert.Equal(expected, S(PostingsIterator.Without(P(full), P(drop))));

    [Theory]
    [InlineData("1 3 5 7 9", 0, 1)]
    [InlineData("1 3 5 7 9", 4, 5)]
    [InlineData("1 3 5 7 9", 9, 9)]
    [InlineData("1 3 5 7 9", 10, 0)]
    public void Seek_finds_the_first_reference_at_or_after_the_target(string refs, ulong target, ulong expected)
    {
        var it = P(refs);
        Assert.Equal(expected != 0, it.Seek(target));
        if (expected != 0)
        {
            Assert.Equal(expected, it.At);
            Assert.True(it.Seek(0));
            Assert.Equal(expected, it.At);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Seek_on_set_operations_never_moves_backwards(ulong target)
    {
        var merged = PostingsIterator.Merge(P("1 4 8"), P("2 4 9"));
        Assert.True(merged.Seek(target));
        Assert.Equal(4UL, merged.At);
        Assert.True(merged.Seek(2));
        Assert.Equal(4UL, merged.At);
        Assert.Equal("8 9", string.Join(' ', Rest(merged)));

        var intersected = PostingsIterator.Intersect(P("1 4 8 9"), P("2 4 8 9"));
        Assert.True(intersected.Seek(target));
        Assert.Equal(4UL, intersected.At);
        Assert.Equal("8 9", string.Join(' ', Rest(intersected)));

        var without = PostingsIterator.Without(P("1 4 5 8"), P("5"));
        Assert.True(without.Seek(target));
        Assert.Equal(4UL, without.At);
        Assert.Equal("8", string.Join(' ', Rest(without)));
    }

    [Fact]
    public void The_index_keeps_lists_sorted_when_references_arrive_out_of_order()
    {
        var index = new MemPostings();
        foreach (var r in new ulong[] { 5, 1, 9, 3 })
        {
            index.Add(r, Labels.FromStrings("a", "x"));
        }

        Assert.Equal("1 3 5 9", S(index.Postings("a", "x")));
        Assert.Equal("1 3 5 9", S(index.AllPostings()));
    }

    [Fact]
    public void A_snapshot_is_unaffected_by_later_writes()
    {
        var index = new MemPostings();
        index.Add(2, Labels.FromStrings("a", "x"));
        index.Add(4, Labels.FromStrings("a", "x"));
        var snapshot = index.Postings("a", "x");
        index.Add(1, Labels.FromStrings("a", "x"));
        index.Add(8, Labels.FromStrings("a", "x"));
        index.Delete([2], [new Label("a", "x")]);
        Assert.Equal("2 4", S(snapshot));
        Assert.Equal("1 4 8", S(index.Postings("a", "x")));
    }

    [Fact]
    public void Deleting_the_last_reference_of_a_value_drops_the_value_and_the_name()
    {
        var index = new MemPostings();
        index.Add(1, Labels.FromStrings("a", "x", "b", "y"));
        index.Add(2, Labels.FromStrings("a", "z"));
        index.Delete([1], [new Label("a", "x"), new Label("b", "y")]);
        Assert.Equal(["a"], index.LabelNames());
        Assert.Equal(["z"], index.LabelValues("a"));
        Assert.Equal(1, index.SeriesCount);
    }

    [Theory]
    [InlineData("""job=~"api|web" """, "1 2")]
    [InlineData("""job=~"ap.*" """, "1 3")]
    [InlineData("""job=~"api-.+" """, "3")]
    [InlineData("""job!~"ap.*" """, "2 4")]
    [InlineData("""job!~"api|web" """, "3 4")]
    [InlineData("""job=~"API" """, "")]
    [InlineData("""job=~"(?i)API" """, "1")]
    [InlineData("""job!="api",job=~"ap.*" """, "3")]
    public void Literal_alternations_and_prefixes_select_like_a_full_scan(string matchers, string expected)
    {
        var index = new MemPostings();
        index.Add(1, Labels.FromStrings("job", "api"));
        index.Add(2, Labels.FromStrings("job", "web"));
        index.Add(3, Labels.FromStrings("job", "api-2"));
        index.Add(4, Labels.FromStrings("other", "x"));
        var ms = Head.HeadFixtures.Matchers(matchers);
        Assert.Equal(expected, S(PostingsForMatchers.Select(index, ms)));
    }

    private static List<ulong> Rest(PostingsIterator it)
    {
        var result = new List<ulong>();
        while (it.Next())
        {
            result.Add(it.At);
        }

        return result;
    }
}
