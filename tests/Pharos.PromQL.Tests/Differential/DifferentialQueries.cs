namespace Pharos.PromQL.Tests.Differential;

/// <summary>
/// The queries of the differential test, generated from a small grammar with a fixed seed. They stay inside what
/// Prometheus 2.42 and 3.x evaluate alike: no functions newer than 2.42, no <c>__name__</c> grouping after a function
/// (delayed name removal), no ties for <c>topk</c>/<c>bottomk</c> (float-valued inputs only).
/// </summary>
internal static class DifferentialQueries
{
    private static readonly string[] Counters =
    [
        "demo_requests_total", "demo_requests_total{job=\"api\"}", "demo_requests_total{status!=\"200\"}",
        "demo_requests_total{job=~\"api|db\", method=\"GET\"}", "demo_requests_total{instance!~\"web-.*\"}",
        "demo_cpu_seconds_total{mode=\"idle\"}", "demo_cpu_seconds_total{mode!~\"idle|system\"}", "{__name__=~\"demo_cpu_seconds_total\", job=\"web\"}",
        "node_network_receive_bytes_total", "http_requests_total{status=~\"5..\"}", "demo_latency_seconds_count", "demo_rpc_duration_seconds_sum",
    ];

    private static readonly string[] Gauges =
    [
        "demo_temperature_celsius", "demo_temperature_celsius{sensor=\"cpu\"}", "demo_temperature_celsius{job!=\"db\", sensor=~\"b.*\"}",
        "demo_items", "demo_items{shard=~\"[01]\"}", "demo_queue_length", "node_memory_MemAvailable_bytes", "demo_rpc_duration_seconds{quantile=\"0.9\"}",
        "container_memory_working_set_bytes{container!=\"\"}",
    ];

    private static readonly string[] Ranges = ["1m", "2m", "5m", "10m", "30m", "1h"];

    private static readonly string[] CounterFunctions = ["rate", "irate", "increase", "resets", "changes"];

    private static readonly string[] GaugeFunctions =
    [
        "delta", "idelta", "deriv", "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time",
        "stddev_over_time", "stdvar_over_time", "last_over_time", "present_over_time", "changes",
    ];

    private static readonly string[] Aggregations = ["sum", "avg", "min", "max", "count", "stddev", "stdvar", "group"];

    private static readonly string[] Groupings = ["", " by (job)", " by (job, instance)", " without (instance)", " without (job, method, status)", " by ()"];

    private static readonly string[] MathFunctions = ["abs", "ceil", "floor", "round", "sqrt", "ln", "log2", "log10", "exp", "sgn", "sin", "cos", "atan", "deg"];

    private static readonly string[] TimeFunctions = ["minute", "hour", "day_of_week", "day_of_month", "day_of_year", "days_in_month", "month", "year"];

    private static readonly string[] ArithmeticOps = ["+", "-", "*", "/", "%", "^"];

    private static readonly string[] ComparisonOps = ["==", "!=", ">", "<", ">=", "<="];

    /// <summary>Hand-picked queries for features a random pick might miss, including ones both must reject.</summary>
    private static readonly string[] Fixed =
    [
        "histogram_quantile(0.99, sum by (le) (rate(demo_latency_seconds_bucket[5m])))",
        "histogram_quantile(0.5, sum by (le, job) (rate(demo_latency_seconds_bucket[10m])))",
        "histogram_quantile(0.9, rate(demo_latency_seconds_bucket{job=\"api\"}[5m]))",
        "histogram_quantile(0.75, sum without (instance) (increase(demo_latency_seconds_bucket[30m])))",
        "sum by (job) (rate(demo_latency_seconds_sum[5m])) / sum by (job) (rate(demo_latency_seconds_count[5m]))",
        "rate(demo_rpc_duration_seconds_sum[5m]) / rate(demo_rpc_duration_seconds_count[5m])",
        "max by (quantile) (demo_rpc_duration_seconds)",
        "quantile(0.5, demo_temperature_celsius)", "quantile(0.99, rate(demo_requests_total[5m]))", "quantile by (job) (0.1, demo_items)",
        "topk(3, rate(demo_requests_total[5m]))", "bottomk(2, demo_temperature_celsius)", "topk by (job) (1, demo_temperature_celsius)",
        "bottomk without (sensor) (1, demo_temperature_celsius)", "topk(5, rate(container_cpu_usage_seconds_total{container!=\"\"}[5m]))",
        "count_values(\"length\", demo_queue_length)", "count_values by (job) (\"length\", demo_queue_length)", "count_values(\"v\", floor(demo_temperature_celsius))",
        "demo_requests_total / on (job, instance) group_left demo_queue_length",
        "rate(demo_requests_total[5m]) * on (job, instance) group_left (sensor) demo_temperature_celsius{sensor=\"cpu\"}",
        "demo_queue_length * on (job, instance) group_right sum by (job, instance, mode) (rate(demo_cpu_seconds_total[5m]))",
        "rate(demo_requests_total[5m]) / ignoring (status) group_left sum without (status) (rate(demo_requests_total[5m]))",
        "demo_temperature_celsius{sensor=\"cpu\"} - ignoring (sensor) demo_temperature_celsius{sensor=\"board\"}",
        "demo_queue_length > bool 10", "demo_queue_length == bool on (job, instance) demo_queue_length", "1 < bool 2", "demo_temperature_celsius > 40 < 41",
        "demo_items and demo_items{shard=\"1\"}", "demo_items or demo_queue_length", "demo_items unless on (job) demo_queue_length{job=\"api\"}",
        "demo_items{shard=\"0\"} or on (job, instance) demo_items{shard=\"2\"}", "demo_queue_length and on (instance) (demo_temperature_celsius > 40)",
        "max_over_time(rate(demo_requests_total[5m])[30m:1m])", "avg_over_time(demo_temperature_celsius[20m:2m])",
        "min_over_time(sum by (job) (demo_items)[1h:5m] offset 10m)", "rate(demo_requests_total{job=\"api\"}[10m:30s])",
        "max_over_time(deriv(demo_temperature_celsius[5m])[15m:])", "sum_over_time(demo_queue_length[10m:1m] @ 1700005000)",
        "rate(demo_requests_total[5m] offset 10m)", "demo_temperature_celsius offset 1h", "demo_temperature_celsius offset -5m",
        "demo_temperature_celsius @ 1700003000", "rate(demo_requests_total[5m] @ 1700004000 offset 2m)",
        "label_replace(demo_queue_length, \"host\", \"$1\", \"instance\", \"(.*):.*\")",
        "label_replace(demo_queue_length, \"job\", \"x-$1\", \"job\", \"a(.*)\")", "label_replace(rate(demo_requests_total[5m]), \"code\", \"$0\", \"status\", \"5.*\")",
        "label_join(demo_queue_length, \"id\", \"/\", \"job\", \"instance\")", "label_join(demo_temperature_celsius, \"job\", \"\", \"sensor\")",
        "absent(demo_queue_length)", "absent(demo_queue_length{job=\"nope\"})", "absent(nonexistent_metric{job=\"x\", a=~\"b\"})",
        "absent(sum(nonexistent_metric))", "absent_over_time(demo_items{shard=\"3\"}[10m])", "absent_over_time(nonexistent_metric[5m])",
        "time()", "vector(time())", "timestamp(demo_temperature_celsius)", "timestamp(rate(demo_requests_total[5m]))", "scalar(sum(demo_queue_length))",
        "scalar(demo_queue_length)", "vector(1) + on () scalar(count(demo_queue_length))", "time() - timestamp(demo_items)",
        "hour()", "minute(vector(1700003600))", "day_of_week(vector(time()))", "days_in_month(timestamp(demo_queue_length))",
        "clamp(demo_temperature_celsius, 39, 41)", "clamp_min(demo_queue_length, 10)", "clamp_max(demo_queue_length, 10)", "round(demo_temperature_celsius, 0.5)",
        "sort(demo_queue_length)", "sort_desc(rate(demo_requests_total[5m]))", "predict_linear(demo_temperature_celsius[30m], 3600)",
        "predict_linear(node_memory_MemAvailable_bytes[1h], 4 * 3600) < 0", "quantile_over_time(0.9, demo_temperature_celsius[30m])",
        "quantile_over_time(0.5, rate(demo_requests_total[5m])[30m:1m])",
        "-demo_queue_length", "+demo_queue_length", "2 ^ 3 ^ 2", "(1 + 2) * 3 % 2", "-(2 ^ 2)", "NaN", "Inf", "-Inf", "0 / 0", "1 / 0",
        "demo_queue_length / 0", "demo_queue_length % 3", "demo_temperature_celsius ^ 0.5", "\"a string\"",
        "count(demo_items)", "count by (shard) (demo_items)", "sum(demo_items) / count(demo_items)",
        "demo_requests_total[5m]", "demo_latency_seconds_bucket{job=\"db\", le=\"0.1\"}[2m] offset 30m",
        "sum(rate({__name__=~\"demo_.*_total\"}[5m]))", "count by (__name__) ({__name__=~\"demo_.*\"})",
        "sum by (job) (rate(http_requests_total{status=~\"5..\"}[5m])) / sum by (job) (rate(http_requests_total[5m]))",
        "demo_requests_total * on (job) demo_queue_length", "demo_items + on (job) group_left demo_queue_length", "sum(demo_queue_length) by (job) + on () demo_queue_length",
        "rate(demo_queue_length)", "sum(demo_queue_length[5m])", "demo_queue_length{}", "{job=\"api\"}", "rate(demo_requests_total[5m]) +",
        "topk(demo_queue_length, demo_queue_length)", "quantile(\"x\", demo_queue_length)", "label_replace(demo_queue_length, \"\", \"$1\", \"job\", \"(.*)\")",
        "label_replace(demo_queue_length, \"x\", \"$1\", \"job\", \"(.*\")", "demo_queue_length[5m:1m:1m]",
    ];

    /// <summary>All queries: the fixed ones, then the generated ones, without duplicates.</summary>
    public static IReadOnlyList<string> All()
    {
        var random = new Random(4242);
        var result = new List<string>(Fixed);
        foreach (var function in CounterFunctions)
        {
            foreach (var counter in Counters)
            {
                result.Add($"{function}({counter}[{Pick(random, Ranges)}])");
            }
        }

        foreach (var function in GaugeFunctions)
        {
            result.Add($"{function}({Pick(random, Gauges)}[{Pick(random, Ranges)}])");
            result.Add($"{function}({Pick(random, Gauges)}[{Pick(random, Ranges)}])");
        }

        foreach (var aggregation in Aggregations)
        {
            foreach (var grouping in Groupings)
            {
                result.Add($"{aggregation}{grouping} ({Vector(random)})");
            }
        }

        foreach (var function in MathFunctions)
        {
            result.Add($"{function}({Vector(random)})");
        }

        foreach (var function in TimeFunctions)
        {
            result.Add($"{function}()");
            result.Add($"{function}(timestamp({Pick(random, Gauges)}))");
        }

        for (var i = 0; i < 40; i++)
        {
            result.Add($"{Vector(random)} {Pick(random, ArithmeticOps)} {Scalar(random)}");
            result.Add($"{Scalar(random)} {Pick(random, ComparisonOps)} {(random.Next(2) == 0 ? "bool " : "")}{Vector(random)}");
        }

        for (var i = 0; i < 30; i++)
        {
            var grouping = Pick(random, ["job", "job, instance", "instance"]);
            var left = $"sum by ({grouping}) ({Vector(random)})";
            var right = $"sum by ({grouping}) ({Vector(random)})";
            result.Add($"{left} {Pick(random, [.. ArithmeticOps, .. ComparisonOps, "and", "or", "unless"])} {right}");
        }

        for (var i = 0; i < 20; i++)
        {
            var inner = $"{Pick(random, ["rate", "increase", "irate"])}({Pick(random, Counters)}[{Pick(random, Ranges[..4])}])";
            var step = Pick(random, ["", "30s", "1m", "90s"]);
            result.Add($"{Pick(random, ["max_over_time", "avg_over_time", "min_over_time", "stddev_over_time", "last_over_time"])}({inner}[{Pick(random, Ranges[2..])}:{step}])");
        }

        return result.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>An instant-vector expression of floats without ties: a gauge, a rate, or one of them transformed.</summary>
    private static string Vector(Random random) => random.Next(4) switch
    {
        0 => Pick(random, Gauges),
        1 => $"{Pick(random, ["rate", "irate", "increase"])}({Pick(random, Counters)}[{Pick(random, Ranges)}])",
        2 => $"{Pick(random, GaugeFunctions[..7])}({Pick(random, Gauges)}[{Pick(random, Ranges)}])",
        _ => $"({Pick(random, Gauges)} {Pick(random, ArithmeticOps[..4])} {Scalar(random)})",
    };

    private static string Scalar(Random random) => random.Next(4) switch
    {
        0 => "2",
        1 => "0.5",
        2 => "scalar(max(demo_queue_length))",
        _ => "-1.5",
    };

    private static string Pick(Random random, string[] options) => options[random.Next(options.Length)];
}
