using System.Text;

namespace Pharos.Client.Tests;

public sealed class ExpositionGoldenTests
{
    private static readonly ManualTimeProvider Clock = ManualTimeProvider.AtUnixSeconds(1_700_000_000);

    public static TheoryData<string, ExpositionFormat, string> Cases => new()
    {
        {
            "counter", ExpositionFormat.PrometheusText,
            """
            # HELP http_requests_total Requests handled.
            # TYPE http_requests_total counter
            http_requests_total{method="GET",code="200"} 3
            http_requests_total{method="POST",code="500"} 1.5

            """
        },
        {
            "counter", ExpositionFormat.OpenMetricsText,
            """
            # HELP http_requests Requests handled.
            # TYPE http_requests counter
            http_requests_total{method="GET",code="200"} 3.0 # {trace_id="abc"} 1.0 1.7e+09
            http_requests_total{method="POST",code="500"} 1.5
            # EOF

            """
        },
        {
            "gauge", ExpositionFormat.PrometheusText,
            """
            # HELP queue_depth Items waiting.
            # TYPE queue_depth gauge
            queue_depth -2.25

            """
        },
        {
            "gauge", ExpositionFormat.OpenMetricsText,
            """
            # HELP queue_depth Items waiting.
            # TYPE queue_depth gauge
            queue_depth -2.25
            # EOF

            """
        },
        {
            "histogram", ExpositionFormat.PrometheusText,
            """
            # HELP request_duration_seconds Request latency.
            # TYPE request_duration_seconds histogram
            request_duration_seconds_bucket{path="/",le="0.1"} 1
            request_duration_seconds_bucket{path="/",le="1"} 2
            request_duration_seconds_bucket{path="/",le="+Inf"} 3
            request_duration_seconds_sum{path="/"} 5.55
            request_duration_seconds_count{path="/"} 3

            """
        },
        {
            "histogram", ExpositionFormat.OpenMetricsText,
            """
            # HELP request_duration_seconds Request latency.
            # TYPE request_duration_seconds histogram
            # UNIT request_duration_seconds seconds
            request_duration_seconds_bucket{path="/",le="0.1"} 1
            request_duration_seconds_bucket{path="/",le="1.0"} 2 # {trace_id="t1"} 0.5 1.7e+09
            request_duration_seconds_bucket{path="/",le="+Inf"} 3
            request_duration_seconds_sum{path="/"} 5.55
            request_duration_seconds_count{path="/"} 3
            # EOF

            """
        },
        {
            "summary", ExpositionFormat.PrometheusText,
            """
            # HELP rpc_seconds RPC latency.
            # TYPE rpc_seconds summary
            rpc_seconds{quantile="0.5"} 2
            rpc_seconds{quantile="0.9"} 3
            rpc_seconds_sum 6
            rpc_seconds_count 3

            """
        },
        {
            "summary", ExpositionFormat.OpenMetricsText,
            """
            # HELP rpc_seconds RPC latency.
            # TYPE rpc_seconds summary
            rpc_seconds{quantile="0.5"} 2.0
            rpc_seconds{quantile="0.9"} 3.0
            rpc_seconds_sum 6.0
            rpc_seconds_count 3
            # EOF

            """
        },
        {
            "info", ExpositionFormat.PrometheusText,
            """
            # HELP build_info Build information.
            # TYPE build_info gauge
            build_info{version="1.2.3",revision="abc"} 1

            """
        },
        {
            "info", ExpositionFormat.OpenMetricsText,
            """
            # HELP build Build information.
            # TYPE build info
            build_info{version="1.2.3",revision="abc"} 1.0
            # EOF

            """
        },
        {
            "stateset", ExpositionFormat.PrometheusText,
            """
            # HELP job_phase Phase of the job.
            # TYPE job_phase gauge
            job_phase{job_phase="pending"} 0
            job_phase{job_phase="running"} 1
            job_phase{job_phase="done"} 0

            """
        },
        {
            "stateset", ExpositionFormat.OpenMetricsText,
            """
            # HELP job_phase Phase of the job.
            # TYPE job_phase stateset
            job_phase{job_phase="pending"} 0.0
            job_phase{job_phase="running"} 1.0
            job_phase{job_phase="done"} 0.0
            # EOF

            """
        },
        {
            "untyped", ExpositionFormat.PrometheusText,
            """
            # HELP legacy_value A bridged value.
            # TYPE legacy_value untyped
            legacy_value 42

            """
        },
        {
            "untyped", ExpositionFormat.OpenMetricsText,
            """
            # HELP legacy_value A bridged value.
            # TYPE legacy_value unknown
            legacy_value 42.0
            # EOF

            """
        },
        {
            "escaping", ExpositionFormat.PrometheusText,
            """
            # HELP escaped_total Help with \\ backslash, "quotes" and\nnewline.
            # TYPE escaped_total counter
            escaped_total{path="C:\\dir",quote="say \"hi\"",nl="a\nb"} 1

            """
        },
        {
            "escaping", ExpositionFormat.OpenMetricsText,
            """
            # HELP escaped Help with \\ backslash, \"quotes\" and\nnewline.
            # TYPE escaped counter
            escaped_total{path="C:\\dir",quote="say \"hi\"",nl="a\nb"} 1.0
            # EOF

            """
        },
        {
            "special floats", ExpositionFormat.PrometheusText,
            """
            # TYPE special gauge
            special{v="inf"} +Inf
            special{v="max"} 1.8446744073709552e+19
            special{v="million"} 1e+06
            special{v="nan"} NaN
            special{v="neg"} -Inf
            special{v="tiny"} 1e-07

            """
        },
        {
            "special floats", ExpositionFormat.OpenMetricsText,
            """
            # TYPE special gauge
            special{v="inf"} +Inf
            special{v="max"} 1.8446744073709552e+19
            special{v="million"} 1e+06
            special{v="nan"} NaN
            special{v="neg"} -Inf
            special{v="tiny"} 1e-07
            # EOF

            """
        },
        {
            "empty and sorted", ExpositionFormat.PrometheusText,
            """
            # HELP a_first First by name.
            # TYPE a_first gauge
            a_first 1
            # HELP b_second Second by name.
            # TYPE b_second gauge
            b_second{x="a"} 1
            b_second{x="b"} 2

            """
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_metric_type_is_exposed_as_the_format_specifies(string scenario, ExpositionFormat format, string expected)
    {
        var registry = Build(scenario);

        var actual = Encoding.UTF8.GetString(registry.ToArray(format));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void An_empty_registry_writes_only_the_OpenMetrics_terminator()
    {
        var registry = new MetricRegistry(Clock);

        Assert.Equal("", Encoding.UTF8.GetString(registry.ToArray(ExpositionFormat.PrometheusText)));
        Assert.Equal("# EOF\n", Encoding.UTF8.GetString(registry.ToArray(ExpositionFormat.OpenMetricsText)));
    }

    [Fact]
    public async Task WriteAsync_writes_the_same_bytes_as_Write()
    {
        var registry = Build("histogram");
        using var stream = new MemoryStream();

        await registry.WriteAsync(stream, ExpositionFormat.OpenMetricsText);

        Assert.Equal(registry.ToArray(ExpositionFormat.OpenMetricsText), stream.ToArray());
    }

    internal static MetricRegistry Build(string scenario)
    {
        var registry = new MetricRegistry(Clock);
        switch (scenario)
        {
            case "counter":
                var requests = registry.CreateCounter("http_requests_total", "Requests handled.", "method", "code");
                requests.WithLabels("GET", "200").Inc();
                requests.WithLabels("GET", "200").Inc(1.0);
                requests.WithLabels("GET", "200").Inc(0, ExemplarLabels.None);
                requests.WithLabels("GET", "200").Inc(1, ExemplarLabels.From("trace_id", "abc"));
                requests.WithLabels("POST", "500").Inc(1.5);
                break;
            case "gauge":
                var depth = registry.CreateGauge("queue_depth", "Items waiting.");
                depth.Set(1);
                depth.Dec(3.25);
                break;
            case "histogram":
                var latency = registry.CreateHistogram("request_duration", "Request latency.", new HistogramOptions
                {
                    LabelNames = ["path"],
                    Buckets = [0.1, 1],
                    Unit = "seconds",
                });
                latency.WithLabels("/").Observe(0.05);
                latency.WithLabels("/").Observe(0.5, ExemplarLabels.From("trace_id", "t1"));
                latency.WithLabels("/").Observe(5);
                break;
            case "summary":
                var rpc = registry.CreateSummary("rpc_seconds", "RPC latency.", new SummaryOptions
                {
                    Objectives = [new(0.5, 0.05), new(0.9, 0.01)],
                });
                rpc.Observe(1);
                rpc.Observe(2);
                rpc.Observe(3);
                break;
            case "info":
                registry.CreateInfo("build", "Build information.", new Dictionary<string, string> { ["version"] = "1.2.3", ["revision"] = "abc" });
                break;
            case "stateset":
                registry.CreateStateSet("job_phase", "Phase of the job.", ["pending", "running", "done"]).SetState("running");
                break;
            case "untyped":
                registry.CreateUntyped("legacy_value", "A bridged value.").Set(42);
                break;
            case "escaping":
                registry.CreateCounter("escaped_total", "Help with \\ backslash, \"quotes\" and\nnewline.", "path", "quote", "nl")
                    .WithLabels("C:\\dir", "say \"hi\"", "a\nb").Inc();
                break;
            case "special floats":
                var special = registry.CreateGauge("special", "", "v");
                special.WithLabels("neg").Set(double.NegativeInfinity);
                special.WithLabels("inf").Set(double.PositiveInfinity);
                special.WithLabels("nan").Set(double.NaN);
                special.WithLabels("tiny").Set(1e-7);
                special.WithLabels("million").Set(1e6);
                special.WithLabels("max").Set(18446744073709551615d);
                break;
            case "empty and sorted":
                var second = registry.CreateGauge("b_second", "Second by name.", "x");
                second.WithLabels("b").Set(2);
                second.WithLabels("a").Set(1);
                registry.CreateGauge("a_first", "First by name.").Set(1);
                registry.CreateCounter("c_unused_total", "Labelled, with no children: not exposed.", "x");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario));
        }

        return registry;
    }
}
