using Microsoft.AspNetCore.Http;

namespace Pharos.Client.AspNetCore;

/// <summary>Options of the middleware added by <c>UseHttpMetrics</c>.</summary>
public sealed class HttpMetricsOptions
{
    /// <summary>The registry the HTTP metrics are created in; <see cref="Metrics.DefaultRegistry"/> when null.</summary>
    public MetricRegistry? Registry { get; set; }

    /// <summary>
    /// Whether requests to endpoints mapped by <c>MapMetrics</c> are measured. False by default, as in prometheus-net:
    /// on a quiet service the scrapes would otherwise dominate <c>http_requests_total</c>, and each scrape would see
    /// itself in <c>http_requests_in_progress</c>. Recognised by endpoint metadata, so a custom metrics path is
    /// excluded too.
    /// </summary>
    public bool CaptureMetricsEndpoint { get; set; }

    /// <summary>
    /// Path prefixes (whole segments, case-insensitive) whose requests are not measured, for example
    /// <c>/healthz</c> when probes would drown the application's own traffic. Empty by default.
    /// </summary>
    public IList<PathString> ExcludedPaths { get; } = [];

    /// <summary>
    /// The <c>route</c> label of requests that matched no endpoint (404s from unknown paths, requests
    /// short-circuited before routing). Empty by default, which Prometheus treats as an absent label; the raw path is
    /// never used, so scanners cannot create unbounded series.
    /// </summary>
    public string UnmatchedRoute { get; set; } = string.Empty;

    /// <summary>Upper bounds of <c>http_request_duration_seconds</c>; <see cref="Buckets.Default"/> when null.</summary>
    public IReadOnlyList<double>? DurationBuckets { get; set; }
}
