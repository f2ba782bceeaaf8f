using Pharos.Exposition.Model;
using Pharos.Exposition.Writers;
using Pharos.Model;
using Xunit;

namespace Pharos.Exposition.Tests.Writing;

public class GoFloatFormatTests
{
    // Expected strings are what Go's strconv.FormatFloat(v, 'g', -1, 64) prints.
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.0, "-1")]
    [InlineData(100000.0, "100000")]
    [InlineData(999999.0, "999999")]
    [InlineData(1000000.0, "1e+06")]
    [InlineData(1234567.0, "1.234567e+06")]
    [InlineData(16777216000.0, "1.6777216e+10")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(0.000012345, "1.2345e-05")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(-2.5e-7, "-2.5e-07")]
    [InlineData(1520879607.789, "1.520879607789e+09")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Formats_like_Go_shortest_g(double value, string expected)
    {
        var text = WriterGoldenTests.Write(w => PrometheusTextWriter.WriteSample(w, "x", Labels.Empty, value));
        Assert.Equal($"x {expected}\n", text);
    }

    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(42.0, "42.0")]
    [InlineData(1000000.0, "1e+06")]
    [InlineData(0.5, "0.5")]
    [InlineData(double.NaN, "NaN")]
    public void OpenMetrics_floats_always_have_a_point_or_exponent(double value, string expected)
    {
        var text = WriterGoldenTests.Write(w => OpenMetricsTextWriter.WriteSample(w, "x", Labels.Empty, value));
        Assert.Equal($"x {expected}\n", text);
    }

    [Fact]
    public void Shortest_digits_round_trip_for_many_random_values()
    {
        var random = new Random(42);
        for (var i = 0; i < 20_000; i++)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(value))
            {
                continue;
            }

            var text = WriterGoldenTests.Write(w => PrometheusTextWriter.WriteSample(w, "x", Labels.Empty, value));
            var parsed = double.Parse(text.AsSpan(2, text.Length - 3), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(value, parsed);
        }
    }

    [Fact]
    public void Family_equality_treats_NaN_as_equal()
    {
        var a = new MetricFamily("x", MetricType.Gauge).Add(new MetricPoint(Labels.Empty, double.NaN));
        var b = new MetricFamily("x", MetricType.Gauge).Add(new MetricPoint(Labels.Empty, double.NaN));
        Assert.Equal(a, b);
    }
}
