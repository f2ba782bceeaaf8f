namespace Pharos.Exposition.Negotiation;

/// <summary>
/// Picks the parser for a scrape response from its <c>Content-Type</c>, as Prometheus 3's <c>textparse.New</c>
/// does: <c>application/openmetrics-text</c>, <c>application/vnd.google.protobuf</c> and <c>text/plain</c> (any
/// version) select their parser; a blank, unparsable or unsupported Content-Type fails the scrape unless a
/// <c>fallback_scrape_protocol</c> is configured, in which case that protocol is used and a warning is reported.
/// </summary>
public static class ScrapeContentType
{
    /// <summary>Resolves the parser format for a response.</summary>
    /// <param name="contentType">The response's Content-Type header, or null when absent.</param>
    /// <param name="fallback">The target's <c>fallback_scrape_protocol</c>, or null when none is configured.</param>
    /// <returns>The format, or the reason the scrape must fail.</returns>
    public static ContentTypeResolution Resolve(string? contentType, ScrapeProtocol? fallback)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return fallback is { } f
                ? new(ScrapeProtocols.ToFormat(f), $"non-compliant scrape target sending blank Content-Type, using fallback_scrape_protocol \"{ScrapeProtocols.ToMediaType(f)}\"")
                : new(null, "non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target");
        }

        if (!MediaType.TryParse(contentType, out var mediaType, out var error))
        {
            return fallback is { } f
                ? new(ScrapeProtocols.ToFormat(f), $"could not parse received Content-Type \"{contentType}\", using fallback_scrape_protocol \"{ScrapeProtocols.ToMediaType(f)}\": {error}")
                : new(null, $"cannot parse Content-Type \"{contentType}\" and no fallback_scrape_protocol for target: {error}");
        }

        switch (mediaType!.Type)
        {
            case "application/openmetrics-text":
                return new(ExpositionFormat.OpenMetricsText, null);
            case "application/vnd.google.protobuf":
                return new(ExpositionFormat.Protobuf, null);
            case "text/plain":
                return new(ExpositionFormat.PrometheusText, null);
            default:
                return fallback is { } f
                    ? new(ScrapeProtocols.ToFormat(f), $"received unsupported Content-Type \"{contentType}\", using fallback_scrape_protocol \"{ScrapeProtocols.ToMediaType(f)}\"")
                    : new(null, $"received unsupported Content-Type \"{contentType}\" and no fallback_scrape_protocol specified for target");
        }
    }
}
