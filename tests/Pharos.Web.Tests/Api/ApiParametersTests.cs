using Pharos.Web.Api;

namespace Pharos.Web.Tests.Api;

public sealed class ApiParametersTests
{
    [Theory]
    [InlineData("1700000000", 1_700_000_000_000L)]
    [InlineData("1700000000.123", 1_700_000_000_123L)]
    [InlineData("1700000000.1236", 1_700_000_000_124L)]
    [InlineData("1.7e9", 1_700_000_000_000L)]
    [InlineData("2023-11-14T22:13:20Z", 1_700_000_000_000L)]
    [InlineData("2023-11-14T22:13:20.5Z", 1_700_000_000_500L)]
    [InlineData("2023-11-14T23:13:20.123456789+01:00", 1_700_000_000_123L)]
    [InlineData("-292273086-05-16T16:47:06Z", ApiParameters.MinTimeMs)]
    [InlineData("292277025-08-18T07:12:54.999999999Z", ApiParameters.MaxTimeMs)]
    public void Times_parse_as_unix_seconds_or_rfc3339(string text, long expectedMs)
    {
        Assert.True(ApiParameters.TryParseTime(text, out var ms));
        Assert.Equal(expectedMs, ms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("2023-11-14")]
    [InlineData("2023-11-14 22:13:20Z")]
    [InlineData(" 1700000000")]
    [InlineData("NaN")]
    [InlineData("1e300")]
    public void Bad_times_are_rejected(string text) => Assert.False(ApiParameters.TryParseTime(text, out _));

    [Theory]
    [InlineData("15", 15_000L)]
    [InlineData("0.5", 500L)]
    [InlineData("1m30s", 90_000L)]
    [InlineData("1h", 3_600_000L)]
    public void Durations_parse_as_float_seconds_or_prometheus_durations(string text, long expectedMs)
    {
        var parameters = ApiParameters.From([new("step", text)]);
        Assert.Equal(expectedMs, (long)parameters.RequiredDuration("step").TotalMilliseconds);
    }

    [Theory]
    [InlineData("", "invalid parameter \"step\": cannot parse \"\" to a valid duration")]
    [InlineData("1x", "invalid parameter \"step\": cannot parse \"1x\" to a valid duration")]
    [InlineData("1e300", "invalid parameter \"step\": cannot parse \"1e300\" to a valid duration. It overflows int64")]
    public void Bad_durations_give_upstream_messages(string text, string message)
    {
        var parameters = ApiParameters.From([new("step", text)]);
        var error = Assert.Throws<ApiException>(() => parameters.RequiredDuration("step"));
        Assert.Equal(ApiErrorType.BadData, error.Type);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Matchers_that_match_everything_are_rejected_as_the_parser_does()
    {
        var parameters = ApiParameters.From([new("match[]", "{job=~\".*\"}")]);
        var error = Assert.Throws<ApiException>(() => parameters.MatcherSets());
        Assert.Equal("invalid parameter \"match[]\": 1:1: parse error: vector selector must contain at least one non-empty matcher", error.Message);
    }
}
