using System.Text;

namespace Pharos.Client.Tests;

public sealed class SummaryTests
{
    public static TheoryData<string, int> Distributions => new()
    {
        { "uniform", 100_000 },
        { "shuffled ranks", 10_000 },
        { "exponential", 50_000 },
        { "small", 7 },
    };

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Quantile_estimates_are_within_their_rank_error(string distribution, int count)
    {
        QuantileEpsilonPair[] objectives = [new(0.5, 0.05), new(0.9, 0.01), new(0.99, 0.001)];
        var summary = new MetricRegistry().CreateSummary("s", "", new SummaryOptions { Objectives = objectives });
        var values = Generate(distribution, count);
        foreach (var v in values)
        {
            summary.Observe(v);
        }

        var sorted = values.Order().ToArray();
        var child = summary.WithLabels();
        foreach (var (quantile, epsilon) in objectives)
        {
            var estimate = child.GetQuantile(quantile);

            // The estimate must be a value whose rank lies within (q ± ε)·n (ties widen the acceptable rank range).
            var lowRank = LowerBound(sorted, estimate);
            var highRank = UpperBound(sorted, estimate);
            var lowAllowed = Math.Floor((quantile - epsilon) * count);
            var highAllowed = Math.Ceiling((quantile + epsilon) * count);
            Assert.True(highRank >= lowAllowed && lowRank <= highAllowed,
                $"{distribution}: q={quantile} estimate {estimate} has ranks [{lowRank}, {highRank}], allowed [{lowAllowed}, {highAllowed}]");
        }
    }

    [Fact]
    public void Observations_leave_the_quantiles_after_MaxAge()
    {
        var clock = ManualTimeProvider.AtUnixSeconds(1_000);
        var summary = new MetricRegistry(clock).CreateSummary("s", "", new SummaryOptions
        {
            Objectives = [new(0.5, 0.05)],
            MaxAge = TimeSpan.FromMinutes(10),
            AgeBuckets = 5,
        });

        summary.Observe(100);
        Assert.Equal(100, summary.WithLabels().GetQuantile(0.5));

        clock.Advance(TimeSpan.FromMinutes(5));
        summary.Observe(200);
        clock.Advance(TimeSpan.FromMinutes(6));

        // The first observation is 11 minutes old and gone; the second is 6 minutes old and still counted.
        Assert.Equal(200, summary.WithLabels().GetQuantile(0.5));

        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True(double.IsNaN(summary.WithLabels().GetQuantile(0.5)));
        Assert.Equal(2, summary.WithLabels().Count);
        Assert.Equal(300, summary.WithLabels().Sum);
    }

    [Fact]
    public void A_summary_without_objectives_exposes_only_sum_and_count()
    {
        var registry = new MetricRegistry();
        var summary = registry.CreateSummary("s_seconds", "Help.");
        summary.Observe(1.5);

        var text = Encoding.UTF8.GetString(registry.ToArray());

        Assert.Equal("# HELP s_seconds Help.\n# TYPE s_seconds summary\ns_seconds_sum 1.5\ns_seconds_count 1\n", text);
    }

    [Fact]
    public void An_empty_window_exposes_NaN_quantiles()
    {
        var registry = new MetricRegistry();
        registry.CreateSummary("s", "", new SummaryOptions { Objectives = [new(0.5, 0.05)] });

        var text = Encoding.UTF8.GetString(registry.ToArray());

        Assert.Contains("s{quantile=\"0.5\"} NaN\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 0.01)]
    [InlineData(1.0, 0.01)]
    [InlineData(0.5, -0.1)]
    [InlineData(double.NaN, 0.01)]
    public void Objectives_out_of_range_are_rejected(double quantile, double epsilon)
    {
        var registry = new MetricRegistry();

        Assert.Throws<ArgumentException>(() => registry.CreateSummary("s", "", new SummaryOptions { Objectives = [new(quantile, epsilon)] }));
    }

    private static double[] Generate(string distribution, int count)
    {
        var random = new Random(42);
        return distribution switch
        {
            "uniform" => [.. Enumerable.Range(0, count).Select(_ => random.NextDouble())],
            "shuffled ranks" => [.. Enumerable.Range(1, count).Select(i => (double)i).OrderBy(_ => random.Next())],
            "exponential" => [.. Enumerable.Range(0, count).Select(_ => -Math.Log(1 - random.NextDouble()))],
            _ => [.. Enumerable.Range(1, count).Select(i => (double)i)],
        };
    }

    private static int LowerBound(double[] sorted, double value)
    {
        var i = Array.BinarySearch(sorted, value);
        if (i < 0)
        {
            return ~i;
        }

        while (i > 0 && sorted[i - 1] == value)
        {
            i--;
        }

        return i + 1;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        var i = Array.BinarySearch(sorted, value);
        if (i < 0)
        {
            return ~i;
        }

        while (i < sorted.Length - 1 && sorted[i + 1] == value)
        {
            i++;
        }

        return i + 1;
    }
}
