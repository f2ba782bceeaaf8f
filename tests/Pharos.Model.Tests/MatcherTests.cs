using Xunit;

namespace Pharos.Model.Tests;

public class MatcherTests
{
    [Theory]
    [InlineData(MatchType.Equal, "a", "a", true)]
    [InlineData(MatchType.Equal, "a", "b", false)]
    [InlineData(MatchType.Equal, "", "", true)]
    [InlineData(MatchType.NotEqual, "a", "b", true)]
    [InlineData(MatchType.NotEqual, "a", "a", false)]
    [InlineData(MatchType.Regex, "a|b", "b", true)]
    [InlineData(MatchType.Regex, "a.*", "", false)]
    [InlineData(MatchType.NotRegex, "a|b", "b", false)]
    [InlineData(MatchType.NotRegex, "a|b", "c", true)]
    [InlineData(MatchType.NotRegex, ".*", "", false)]
    public void Matcher_compares_values(MatchType type, string value, string input, bool expected)
    {
        var matcher = new Matcher(type, "l", value);
        Assert.Equal(expected, matcher.Matches(input));
        Assert.Equal(expected, matcher.Matches(input.AsSpan()));
        Assert.Equal(!expected, matcher.Inverse().Matches(input));
    }

    [Theory]
    [InlineData(MatchType.Equal, "job", "api", "job=\"api\"")]
    [InlineData(MatchType.NotEqual, "job", "api", "job!=\"api\"")]
    [InlineData(MatchType.Regex, "job", "a.*", "job=~\"a.*\"")]
    [InlineData(MatchType.NotRegex, "job", "a\\.b", "job!~\"a\\\\.b\"")]
    [InlineData(MatchType.Equal, "service.name", "x\"y", "\"service.name\"=\"x\\\"y\"")]
    public void Matcher_prints_like_Prometheus(MatchType type, string name, string value, string expected)
    {
        Assert.Equal(expected, new Matcher(type, name, value).ToString());
    }

    [Theory]
    [InlineData(MatchType.Equal, "", true)]
    [InlineData(MatchType.Equal, "x", false)]
    [InlineData(MatchType.NotEqual, "", false)]
    [InlineData(MatchType.Regex, ".*", true)]
    [InlineData(MatchType.Regex, ".+", false)]
    [InlineData(MatchType.NotRegex, ".+", true)]
    public void Matcher_knows_whether_it_matches_the_empty_string(MatchType type, string value, bool expected)
    {
        Assert.Equal(expected, new Matcher(type, "l", value).MatchesEmpty);
    }

    [Fact]
    public void Invalid_regex_is_reported_by_TryCreate()
    {
        Assert.False(Matcher.TryCreate(MatchType.Regex, "l", "(?=x)", out var matcher, out var error));
        Assert.Null(matcher);
        Assert.Equal("invalid or unsupported Perl syntax", error.Reason);
        Assert.True(Matcher.TryCreate(MatchType.Equal, "l", "(?=x)", out matcher, out _));
        Assert.True(matcher.Matches("(?=x)"));
    }

    [Fact]
    public void Regex_matcher_exposes_set_matches_and_prefix()
    {
        Assert.Equal(["a", "b"], new Matcher(MatchType.Regex, "l", "a|b").SetMatches());
        Assert.Empty(new Matcher(MatchType.Equal, "l", "a|b").SetMatches());
        Assert.Equal("foo", new Matcher(MatchType.Regex, "l", "foo[0-9]+").Prefix());
    }

    [Fact]
    public void Matchers_with_the_same_parts_are_equal()
    {
        Assert.Equal(new Matcher(MatchType.Regex, "a", "b.*"), new Matcher(MatchType.Regex, "a", "b.*"));
        Assert.NotEqual(new Matcher(MatchType.Regex, "a", "b.*"), new Matcher(MatchType.NotRegex, "a", "b.*"));
    }

    [Fact]
    public void Regex_matching_does_not_allocate()
    {
        var matchers = new[]
        {
            new Matcher(MatchType.Regex, "l", "foo|bar|baz"),
            new Matcher(MatchType.Regex, "l", ".*foo.*"),
            new Matcher(MatchType.Regex, "l", "[a-z]+[0-9]{2,3}"),
        };
        var input = "xxfoo123";
        foreach (var m in matchers)
        {
            m.Matches(input);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            foreach (var m in matchers)
            {
                m.Matches(input);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
