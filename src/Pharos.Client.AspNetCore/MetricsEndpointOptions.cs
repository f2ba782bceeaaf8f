namespace Pharos.Client.AspNetCore;

/// <summary>Options of the endpoint mapped by <c>MapMetrics</c>.</summary>
public sealed class MetricsEndpointOptions
{
    /// <summary>The registry to expose; <see cref="Metrics.DefaultRegistry"/> when null.</summary>
    public MetricRegistry? Registry { get; set; }

    /// <summary>
    /// Whether to gzip the body when the request's <c>Accept-Encoding</c> allows <c>gzip</c>, as client_golang's
    /// promhttp does. Prometheus asks for gzip on every scrape. True by default.
    /// </summary>
    public bool EnableGzip { get; set; } = true;

    /// <summary>
    /// The name of a query parameter that, when present, selects the format and overrides the <c>Accept</c> header
    /// (values <c>text</c>, <c>openmetrics</c>, <c>protobuf</c>; anything else is answered with 400). Null, the
    /// default, disables it. Useful for a scraper that cannot be told which format to ask for (Prometheus before 2.49
    /// has no <c>scrape_protocols</c>, but a scrape job's <c>params</c> can add <c>?format=text</c>) and for looking at
    /// one format in a browser.
    /// </summary>
    public string? FormatQueryParameter { get; set; }
}
