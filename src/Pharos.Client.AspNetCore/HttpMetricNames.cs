namespace Pharos.Client.AspNetCore;

/// <summary>The names of the metrics and labels the HTTP metrics middleware produces.</summary>
public static class HttpMetricNames
{
    /// <summary>Counter of finished requests, labelled <c>method</c>, <c>route</c>, <c>status_code</c>.</summary>
    public const string RequestsTotal = "http_requests_total";

    /// <summary>Histogram of request durations in seconds, with the labels of <see cref="RequestsTotal"/>.</summary>
    public const string RequestDurationSeconds = "http_request_duration_seconds";

    /// <summary>Gauge of requests being handled, labelled <c>method</c> and <c>route</c>.</summary>
    public const string RequestsInProgress = "http_requests_in_progress";

    /// <summary>The HTTP method label; methods outside the standard set are reported as <c>_OTHER</c>.</summary>
    public const string Method = "method";

    /// <summary>The route template label (for example <c>/items/{id}</c>), never the raw path.</summary>
    public const string Route = "route";

    /// <summary>The response status code label, for example <c>200</c>.</summary>
    public const string StatusCode = "status_code";
}
