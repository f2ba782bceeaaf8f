using System.Text;

namespace Pharos.Client.Tests;

public sealed class RegistryTests
{
    [Fact]
    public void Registering_the_same_definition_twice_returns_the_existing_metric()
    {
        var registry = new MetricRegistry();

        var first = registry.CreateCounter("jobs_total", "Jobs.", "queue");
        var second = registry.CreateCounter("jobs_total", "Other help is ignored.", "queue");

        Assert.Same(first, second);
    }

    public static TheoryData<string, Action<MetricRegistry>, Action<MetricRegistry>> Conflicts => new()
    {
        { "different type", r => r.CreateCounter("x_total", ""), r => r.CreateGauge("x_total", "") },
        { "different label names", r => r.CreateGauge("x", "", "a"), r => r.CreateGauge("x", "", "b") },
        { "different label count", r => r.CreateGauge("x", "", "a"), r => r.CreateGauge("x", "", "a", "b") },
        { "different buckets", r => r.CreateHistogram("x", ""), r => r.CreateHistogram("x", "", new HistogramOptions { Buckets = [1, 2] }) },
        { "different objectives", r => r.CreateSummary("x", ""), r => r.CreateSummary("x", "", new SummaryOptions { Objectives = [new(0.5, 0.05)] }) },
        { "counter with and without _total", r => r.CreateCounter("x", ""), r => r.CreateCounter("x_total", "") },
        { "gauge named like a histogram's count", r => r.CreateHistogram("x", ""), r => r.CreateGauge("x_count", "") },
        { "gauge named like a counter's sample", r => r.CreateCounter("x", ""), r => r.CreateGauge("x_total", "") },
    };

    [Theory]
    [MemberData(nameof(Conflicts))]
    public void A_conflicting_definition_is_rejected(string conflict, Action<MetricRegistry> first, Action<MetricRegistry> second)
    {
        var registry = new MetricRegistry();
        first(registry);

        var error = Assert.Throws<InvalidOperationException>(() => second(registry));
        Assert.Contains("x", error.Message, StringComparison.Ordinal);
        Assert.NotNull(conflict);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("has-dash")]
    [InlineData("has space")]
    [InlineData("ünïcode")]
    public void Invalid_metric_names_are_rejected(string name) =>
        Assert.Throws<ArgumentException>(() => new MetricRegistry().CreateGauge(name, ""));

    [Theory]
    [InlineData("ok:colons_total")]
    [InlineData("_leading_underscore")]
    [InlineData("CamelCase9")]
    public void Legacy_charset_metric_names_are_accepted(string name) =>
        Assert.Equal(name, new MetricRegistry().CreateGauge(name, "").Name);

    public static TheoryData<string, Action<MetricRegistry>> BadLabels => new()
    {
        { "double underscore prefix", r => r.CreateGauge("g", "", "__reserved") },
        { "le on a histogram", r => r.CreateHistogram("h", "", "le") },
        { "quantile on a summary", r => r.CreateSummary("s", "", "quantile") },
        { "the metric name on a state set", r => r.CreateStateSet("phase", "", ["a"], "phase") },
        { "a colon", r => r.CreateGauge("g", "", "a:b") },
        { "a leading digit", r => r.CreateGauge("g", "", "1a") },
        { "a duplicate", r => r.CreateGauge("g", "", "a", "a") },
    };

    [Theory]
    [MemberData(nameof(BadLabels))]
    public void Reserved_or_invalid_label_names_are_rejected(string reason, Action<MetricRegistry> create)
    {
        Assert.NotNull(reason);
        Assert.Throws<ArgumentException>(() => create(new MetricRegistry()));
    }

    [Fact]
    public void Label_values_must_match_the_label_names()
    {
        var counter = new MetricRegistry().CreateCounter("c_total", "", "a", "b");

        Assert.Throws<ArgumentException>(() => counter.WithLabels("only-one"));
        Assert.Throws<ArgumentException>(() => counter.WithLabels("x", null!));
        Assert.Throws<InvalidOperationException>(() => counter.Inc());
    }

    [Fact]
    public void WithLabels_returns_the_cached_child()
    {
        var counter = new MetricRegistry().CreateCounter("c_total", "", "method");

        Assert.Same(counter.WithLabels("GET"), counter.WithLabels("GET"));
        Assert.NotSame(counter.WithLabels("GET"), counter.WithLabels("POST"));
    }

    [Fact]
    public void Removed_and_cleared_children_are_no_longer_exposed()
    {
        var registry = new MetricRegistry();
        var gauge = registry.CreateGauge("g", "", "k");
        gauge.WithLabels("a").Set(1);
        gauge.WithLabels("b").Set(2);

        Assert.True(gauge.Remove("a"));
        Assert.False(gauge.Remove("a"));
        Assert.Equal("# TYPE g gauge\ng{k=\"b\"} 2\n", Text(registry));

        gauge.Clear();
        Assert.Equal("", Text(registry));

        gauge.WithLabels("c").Set(3);
        Assert.Equal("# TYPE g gauge\ng{k=\"c\"} 3\n", Text(registry));
    }

    [Fact]
    public void Custom_collectors_are_merged_in_name_order()
    {
        var registry = new MetricRegistry();
        registry.CreateGauge("b_gauge", "").Set(1);
        registry.Register(() =>
        [
            new MetricFamilySnapshot("c_custom_total", MetricType.Counter, "Custom.", [MetricPoint.Sample(7, [new("k", "v")])]),
            new MetricFamilySnapshot("a_custom", MetricType.Histogram, "", [MetricPoint.ForHistogram([new(1, 2), new(double.PositiveInfinity, 3)], 4.5)]),
        ]);

        Assert.Equal(
            """
            # TYPE a_custom histogram
            a_custom_bucket{le="1"} 2
            a_custom_bucket{le="+Inf"} 3
            a_custom_sum 4.5
            a_custom_count 3
            # TYPE b_gauge gauge
            b_gauge 1
            # HELP c_custom_total Custom.
            # TYPE c_custom_total counter
            c_custom_total{k="v"} 7

            """,
            Text(registry));
    }

    [Fact]
    public void Before_collect_callbacks_run_before_each_serialisation()
    {
        var registry = new MetricRegistry();
        var gauge = registry.CreateGauge("scrapes", "");
        registry.AddBeforeCollectCallback(() => gauge.Inc());

        Text(registry);
        Assert.Equal("# TYPE scrapes gauge\nscrapes 2\n", Text(registry));
    }

    [Fact]
    public void Unregistering_frees_the_name()
    {
        var registry = new MetricRegistry();
        var counter = registry.CreateCounter("x_total", "");

        Assert.True(registry.Unregister(counter));
        var gauge = registry.CreateGauge("x_total", "");

        Assert.Equal(MetricType.Gauge, gauge.Type);
    }

    [Fact]
    public void A_unit_is_appended_to_the_name_when_missing()
    {
        var registry = new MetricRegistry();

        Assert.Equal("latency_seconds", registry.CreateHistogram("latency", "", new HistogramOptions { Unit = "seconds" }).Name);
        Assert.Equal("sent_bytes_total", registry.CreateCounter("sent_total", "", new CounterOptions { Unit = "bytes" }).Name);
        Assert.Equal("size_bytes", registry.CreateGauge("size_bytes", "", new GaugeOptions { Unit = "bytes" }).Name);
    }

    [Fact]
    public void Counters_reject_negative_and_NaN_increments()
    {
        var counter = new MetricRegistry().CreateCounter("c_total", "");

        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Inc(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Inc(double.NaN));
    }

    [Fact]
    public void Gauge_SetToCurrentTime_reads_the_registry_clock()
    {
        var gauge = new MetricRegistry(ManualTimeProvider.AtUnixSeconds(1_234)).CreateGauge("g", "");

        gauge.SetToCurrentTime();

        Assert.Equal(1_234, gauge.Value);
    }

    [Fact]
    public void Histogram_timer_observes_elapsed_seconds()
    {
        var histogram = new MetricRegistry().CreateHistogram("h_seconds", "");

        using (histogram.NewTimer())
        {
            Thread.Sleep(5);
        }

        var child = histogram.WithLabels();
        Assert.Equal(1, child.Count);
        Assert.InRange(child.Sum, 0.004, 5);
    }

    [Theory]
    [InlineData(double.NaN, "+Inf")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.10000001, "0.25")]
    [InlineData(-5, "0.005")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    public void Observations_land_in_the_first_bucket_whose_bound_is_not_below_them(double value, string bucket)
    {
        var registry = new MetricRegistry();
        registry.CreateHistogram("h", "").Observe(value);

        var line = Text(registry).Split('\n').First(l => l.Contains(" 1", StringComparison.Ordinal) && l.StartsWith("h_bucket", StringComparison.Ordinal));

        Assert.Contains($"le=\"{bucket}\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Histograms_with_many_buckets_use_binary_search_and_agree_with_a_linear_scan()
    {
        var bounds = Buckets.Linear(1, 1, 100);
        var registry = new MetricRegistry();
        var histogram = registry.CreateHistogram("h", "", new HistogramOptions { Buckets = bounds });
        var random = new Random(7);
        var expected = new long[bounds.Length + 1];
        for (var i = 0; i < 10_000; i++)
        {
            var v = random.NextDouble() * 120;
            histogram.Observe(v);
            var index = Array.FindIndex(bounds, b => v <= b);
            expected[index < 0 ? bounds.Length : index]++;
        }

        Assert.Equal(10_000, histogram.WithLabels().Count);
        var text = Text(registry);
        Assert.Contains($"h_bucket{{le=\"50\"}} {expected.Take(50).Sum()}\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 2, 3, new[] { 1.0, 3, 5 })]
    [InlineData(0.5, 0.25, 2, new[] { 0.5, 0.75 })]
    public void Linear_buckets_step_by_the_width(double start, double width, int count, double[] expected) =>
        Assert.Equal(expected, Buckets.Linear(start, width, count));

    [Theory]
    [InlineData(1, 2, 4, new[] { 1.0, 2, 4, 8 })]
    [InlineData(0.001, 10, 3, new[] { 0.001, 0.01, 0.1 })]
    public void Exponential_buckets_grow_by_the_factor(double start, double factor, int count, double[] expected)
    {
        var actual = Buckets.Exponential(start, factor, count);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 12);
        }
    }

    [Fact]
    public void Exemplars_longer_than_128_characters_are_rejected() =>
        Assert.Throws<ArgumentException>(() => ExemplarLabels.From("trace_id", new string('a', 121)));

    private static string Text(MetricRegistry registry)
    {
        return Encoding.UTF8.GetString(registry.ToArray());
    }
}
