using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Pharos.Client.Tests;

public sealed partial class ConcurrencyTests
{
    [Theory]
    [InlineData(2, 100_000)]
    [InlineData(8, 50_000)]
    public void Counter_increments_from_many_threads_add_up_exactly(int threads, int incrementsPerThread)
    {
        var counter = new MetricRegistry().CreateCounter("c_total", "");

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            for (var i = 0; i < incrementsPerThread; i++)
            {
                counter.Inc();
            }
        });

        Assert.Equal((double)threads * incrementsPerThread, counter.Value);
    }

    [Fact]
    public void Fractional_counter_increments_from_many_threads_add_up_exactly()
    {
        var counter = new MetricRegistry().CreateCounter("c_total", "");

        // 0.5 is exact in binary, so the compare-and-swap sum has no rounding error to hide a lost update.
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                counter.Inc(0.5);
            }
        });

        Assert.Equal(80_000, counter.Value);
    }

    [Fact]
    public void Gauge_increments_and_decrements_from_many_threads_cancel_out()
    {
        var gauge = new MetricRegistry().CreateGauge("g", "");

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                using (gauge.TrackInProgress())
                {
                    gauge.Inc(2);
                }

                gauge.Dec(2);
            }
        });

        Assert.Equal(0, gauge.Value);
    }

    [Fact]
    public async Task Histogram_count_equals_the_Inf_bucket_in_every_exposition_under_concurrent_observations()
    {
        var registry = new MetricRegistry();
        var histogram = registry.CreateHistogram("h_seconds", "", new HistogramOptions { Buckets = [0.1, 0.5, 1] });
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(seed => Task.Run(() =>
        {
            var random = new Random(seed);
            while (!stop.IsCancellationRequested)
            {
                histogram.Observe(random.NextDouble() * 2);
            }
        })).ToArray();

        var scrapes = 0;
        try
        {
            for (; scrapes < 500; scrapes++)
            {
                var text = Encoding.UTF8.GetString(registry.ToArray());
                var inf = long.Parse(InfBucket().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
                var count = long.Parse(CountLine().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
                Assert.Equal(inf, count);
            }
        }
        finally
        {
            stop.Cancel();
            await Task.WhenAll(writers);
        }

        Assert.Equal(histogram.WithLabels().Count, long.Parse(CountLine().Match(Encoding.UTF8.GetString(registry.ToArray())).Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Histogram_observations_from_many_threads_are_all_counted()
    {
        var histogram = new MetricRegistry().CreateHistogram("h", "");

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                histogram.Observe(0.25);
            }
        });

        var child = histogram.WithLabels();
        Assert.Equal(160_000, child.Count);
        Assert.Equal(40_000, child.Sum);
    }

    [Fact]
    public void Concurrent_WithLabels_calls_return_one_child_per_label_set()
    {
        var counter = new MetricRegistry().CreateCounter("c_total", "", "k");

        var children = new Counter.Child[64];
        Parallel.For(0, children.Length, i =>
        {
            children[i] = counter.WithLabels("same");
            children[i].Inc();
        });

        Assert.All(children, c => Assert.Same(children[0], c));
        Assert.Equal(64, children[0].Value);
    }

    [GeneratedRegex("""h_seconds_bucket\{le="\+Inf"\} (\d+)""")]
    private static partial Regex InfBucket();

    [GeneratedRegex("""h_seconds_count (\d+)""")]
    private static partial Regex CountLine();
}
