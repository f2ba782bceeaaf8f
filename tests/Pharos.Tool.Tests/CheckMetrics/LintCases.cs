namespace Pharos.Tool.Tests.CheckMetrics;

/// <summary>Expositions with the problems promtool reports for them (verified against Debian's promtool).</summary>
internal static class LintCases
{
    public static readonly (string Name, string Exposition, string[] Problems)[] All =
    [
        ("clean counter", "# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\nhttp_requests_total{code=\"200\"} 3\n", []),
        ("counter without _total", "# HELP http_requests Requests.\n# TYPE http_requests counter\nhttp_requests 3\n",
            ["http_requests counter metrics should have \"_total\" suffix"]),
        ("gauge with _total", "# HELP queue_total Queue.\n# TYPE queue_total gauge\nqueue_total 3\n",
            ["queue_total non-counter metrics should not have \"_total\" suffix"]),
        ("no help", "# TYPE temperature_celsius gauge\ntemperature_celsius 21\n", ["temperature_celsius no help text"]),
        ("untyped without help", "ping_request_count 1\n", ["ping_request_count no help text"]),
        ("non-base unit", "# HELP job_duration_milliseconds Duration.\n# TYPE job_duration_milliseconds gauge\njob_duration_milliseconds 1\n",
            ["job_duration_milliseconds use base unit \"seconds\" instead of \"milliseconds\""]),
        ("abbreviated unit", "# HELP latency_ms Latency.\n# TYPE latency_ms gauge\nlatency_ms 1\n",
            ["latency_ms metric names should not contain abbreviated units"]),
        ("camel case", "# HELP httpRequests Requests.\n# TYPE httpRequests gauge\nhttpRequests{statusCode=\"200\"} 1\n",
            ["httpRequests label names should be written in 'snake_case' not 'camelCase'", "httpRequests metric names should be written in 'snake_case' not 'camelCase'"]),
        ("colon", "# HELP job:requests:rate5m Rate.\n# TYPE job:requests:rate5m gauge\njob:requests:rate5m 1\n",
            ["job:requests:rate5m metric names should not contain ':'"]),
        ("type in name", "# HELP requests_gauge Requests.\n# TYPE requests_gauge gauge\nrequests_gauge 1\n",
            ["requests_gauge metric name should not include type 'gauge'"]),
        ("gauge with le label", "# HELP size_bytes Size.\n# TYPE size_bytes gauge\nsize_bytes{le=\"1\"} 1\n",
            ["size_bytes non-histogram metrics should not have \"le\" label"]),
        ("gauge with _count", "# HELP items_count Items.\n# TYPE items_count gauge\nitems_count 1\n",
            ["items_count non-histogram and non-summary metrics should not have \"_count\" suffix"]),
        ("histogram is clean",
            "# HELP request_duration_seconds Duration.\n# TYPE request_duration_seconds histogram\n" +
            "request_duration_seconds_bucket{le=\"0.1\"} 1\nrequest_duration_seconds_bucket{le=\"+Inf\"} 2\n" +
            "request_duration_seconds_sum 0.3\nrequest_duration_seconds_count 2\n", []),
        ("summary is clean",
            "# HELP rpc_duration_seconds Duration.\n# TYPE rpc_duration_seconds summary\n" +
            "rpc_duration_seconds{quantile=\"0.5\"} 0.1\nrpc_duration_seconds_sum 0.3\nrpc_duration_seconds_count 2\n", []),
    ];
}
