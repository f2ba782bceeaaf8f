using Xunit;

namespace Pharos.Model.Tests;

public sealed class PrometheusDurationTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1ms", 1L)]
    [InlineData("15s", 15_000L)]
    [InlineData("1h30m", 5_400_000L)]
    [InlineData("2d", 172_800_000L)]
    [InlineData("1w", 604_800_000L)]
    [InlineData("1y", 31_536_000_000L)]
    [InlineData("1y2w3d4h5m6s7ms", 31_536_000_000L + 1_209_600_000L + 259_200_000L + 14_400_000L + 300_000L + 6_000L + 7L)]
    public void Valid_durations_parse_to_milliseconds(string text, long expectedMs)
    {
        Assert.True(PrometheusDuration.TryParse(text, out var duration, out var error), error);
        Assert.Equal(expectedMs, (long)duration.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1m1h")]
    [InlineData("1h1h")]
    [InlineData("-1s")]
    [InlineData("1.5h")]
    [InlineData("1H")]
    [InlineData("h")]
    [InlineData("99999999999999999999y")]
    public void Invalid_durations_are_rejected_with_a_reason(string text)
    {
        Assert.False(PrometheusDuration.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(5_400_000L, "1h30m")]
    [InlineData(90L * 86_400_000, "90d")]
    [InlineData(14L * 86_400_000, "2w")]
    [InlineData(1_500L, "1s500ms")]
    public void Durations_format_as_prometheus_prints_them(long ms, string expected) =>
        Assert.Equal(expected, PrometheusDuration.Format(TimeSpan.FromMilliseconds(ms)));
}
