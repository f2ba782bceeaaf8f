using System.Text;
using Pharos.Web.Api;

namespace Pharos.Web.Tests.Api;

public sealed class ApiJsonTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e6, "1000000")]
    [InlineData(1e21, "1000000000000000000000")]
    [InlineData(1.5e-7, "0.00000015")]
    [InlineData(0.1, "0.1")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    public void Sample_values_are_formatted_as_go_does_with_f_and_shortest_precision(double value, string expected) =>
        Assert.Equal(expected, ApiJson.FormatFloat(value));

    [Theory]
    [InlineData(1e6, "1e+06")]
    [InlineData(123456.5, "123456.5")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(42.0, "42")]
    public void Text_format_values_are_formatted_as_go_does_with_g(double value, string expected) =>
        Assert.Equal(expected, ApiJson.FormatFloatG(value));

    [Theory]
    [InlineData(1_700_000_000_000L, "1700000000")]
    [InlineData(1_700_000_000_100L, "1700000000.1")]
    [InlineData(1_700_000_000_120L, "1700000000.12")]
    [InlineData(1_700_000_000_123L, "1700000000.123")]
    [InlineData(1_700_000_000_003L, "1700000000.003")]
    [InlineData(0L, "0")]
    [InlineData(-1_500L, "-1.5")]
    public void Timestamps_are_seconds_with_at_most_three_decimals(long timestampMs, string expected)
    {
        var buffer = new byte[32];
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer, 0, ApiJson.FormatTimestamp(timestampMs, buffer)));
    }

    [Theory]
    [InlineData(1.0, "1e+00")]
    [InlineData(0.5, "5e-01")]
    [InlineData(1234.5, "1.2345e+03")]
    public void Alert_values_are_formatted_as_go_does_with_e(double value, string expected) =>
        Assert.Equal(expected, ApiV1.FormatFloatE(value));
}
