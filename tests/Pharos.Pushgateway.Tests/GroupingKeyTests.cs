namespace Pharos.Pushgateway.Tests;

public sealed class GroupingKeyTests
{
    [Theory]
    [InlineData("job/batch", "{job=\"batch\"}")]
    [InlineData("job/batch/instance/db1", "{instance=\"db1\",job=\"batch\"}")]
    [InlineData("job/batch/", "{job=\"batch\"}")]
    [InlineData("job@base64/Zm9vL2Jhcg", "{job=\"foo/bar\"}")]
    [InlineData("job@base64/Zm9vL2Jhcg==", "{job=\"foo/bar\"}")]
    [InlineData("job/a/x@base64/=", "{job=\"a\",x=\"\"}")]
    [InlineData("job/a/path@base64/L3Zhci90bXA", "{job=\"a\",path=\"/var/tmp\"}")]
    [InlineData("job/a/job/b", "{job=\"a\"}")]
    [InlineData("job/a/z/1/b/2", "{b=\"2\",job=\"a\",z=\"1\"}")]
    public void Valid_paths_give_sorted_grouping_keys(string path, string expected)
    {
        Assert.True(GroupingKey.TryParsePath(path, out var key, out var error), error);
        Assert.Equal(expected, key!.ToString());
    }

    [Theory]
    [InlineData("job/a/odd", "odd number of components in label string \"/odd\"")]
    [InlineData("job/a/__x/1", "improper label name \"__x\"")]
    [InlineData("job/a/1x/1", "improper label name \"1x\"")]
    [InlineData("job/a/x@base64/!!!", "invalid base64 encoding for label x=\"!!!\": illegal base64 data at input byte 0")]
    [InlineData("job@base64/%%", "invalid base64 encoding in job name \"%%\": illegal base64 data at input byte 0")]
    [InlineData("job@base64/=", "job name is required")]
    [InlineData("instance/a", "404 page not found")]
    public void Invalid_paths_are_rejected_with_upstream_messages(string path, string expected)
    {
        Assert.False(GroupingKey.TryParsePath(path, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("foo/bar")]
    [InlineData("ünïcödé")]
    [InlineData("a+b/c?d")]
    public void Base64_round_trips(string value)
    {
        var encoded = GroupingKey.EncodeBase64(value);
        Assert.DoesNotContain('/', encoded);
        Assert.True(GroupingKey.TryDecodeBase64(encoded, out var decoded, out _));
        Assert.Equal(value, decoded);
    }

    [Fact]
    public void Empty_label_value_makes_a_distinct_group()
    {
        GroupingKey.TryParsePath("job/a/x@base64/=", out var withEmpty, out _);
        GroupingKey.TryParsePath("job/a", out var without, out _);
        Assert.NotEqual(withEmpty, without);
    }
}
