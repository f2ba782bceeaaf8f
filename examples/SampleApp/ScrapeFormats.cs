using Pharos.Client;
using Pharos.Client.AspNetCore;

namespace Pharos.SampleApp;

/// <summary>
/// Counts the responses of the metrics endpoint by the exposition format actually served, so an operator (or a test)
/// can see what a scraper negotiated: <c>sample_app_scrapes_total{format="openmetrics"}</c>.
/// </summary>
internal static class ScrapeFormats
{
    public const string MetricName = "sample_app_scrapes_total";

    private static readonly Counter Scrapes = Metrics.CreateCounter(
        MetricName,
        "Responses of the metrics endpoint, by exposition format served (text, openmetrics, protobuf).",
        "format");

    /// <summary>Adds the counting middleware in front of endpoints mapped by <c>MapMetrics</c>.</summary>
    public static IApplicationBuilder UseScrapeFormatCounting(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.GetEndpoint()?.Metadata.GetMetadata<MetricsEndpointMetadata>() is not null &&
                context.Response.StatusCode == StatusCodes.Status200OK)
            {
                // Counted after the response is written, so a scrape sees the scrapes before it.
                Scrapes.WithLabels(FormatOf(context.Response.ContentType)).Inc();
            }
        });

    private static string FormatOf(string? contentType) => contentType switch
    {
        null => "unknown",
        _ when contentType.StartsWith("application/openmetrics-text", StringComparison.OrdinalIgnoreCase) => "openmetrics",
        _ when contentType.StartsWith("application/vnd.google.protobuf", StringComparison.OrdinalIgnoreCase) => "protobuf",
        _ when contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) => "text",
        _ => "unknown",
    };
}
