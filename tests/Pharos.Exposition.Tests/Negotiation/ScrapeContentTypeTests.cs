using Pharos.Exposition.Negotiation;
using Xunit;

namespace Pharos.Exposition.Tests.Negotiation;

public class ScrapeContentTypeTests
{
    [Theory]
    [InlineData("text/plain; version=0.0.4; charset=utf-8", ExpositionFormat.PrometheusText)]
    [InlineData("text/plain; version=1.0.0; charset=utf-8; escaping=allow-utf-8", ExpositionFormat.PrometheusText)]
    [InlineData("text/plain", ExpositionFormat.PrometheusText)]
    [InlineData("TEXT/Plain;charset=utf-8", ExpositionFormat.PrometheusText)]
    [InlineData("application/openmetrics-text; version=1.0.0; charset=utf-8", ExpositionFormat.OpenMetricsText)]
    [InlineData("application/openmetrics-text;version=0.0.1", ExpositionFormat.OpenMetricsText)]
    [InlineData("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited", ExpositionFormat.Protobuf)]
    [InlineData("application/vnd.google.protobuf; proto=\"io.prometheus.client.MetricFamily\"; encoding=delimited", ExpositionFormat.Protobuf)]
    public void Known_content_types_select_their_parser(string contentType, ExpositionFormat expected)
    {
        var result = ScrapeContentType.Resolve(contentType, fallback: null);
        Assert.Equal(expected, result.Format);
        Assert.Null(result.Problem);
    }

    [Theory]
    [InlineData(null, "blank Content-Type and no fallback_scrape_protocol")]
    [InlineData("", "blank Content-Type and no fallback_scrape_protocol")]
    [InlineData("text/html; charset=utf-8", "received unsupported Content-Type \"text/html; charset=utf-8\" and no fallback_scrape_protocol")]
    [InlineData("application/json", "received unsupported Content-Type")]
    [InlineData("text", "cannot parse Content-Type \"text\"")]
    [InlineData("text/plain; version", "cannot parse Content-Type")]
    public void Missing_or_unknown_content_type_fails_without_fallback(string? contentType, string problem)
    {
        var result = ScrapeContentType.Resolve(contentType, fallback: null);
        Assert.False(result.Succeeded);
        Assert.Contains(problem, result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, ScrapeProtocol.PrometheusText004, ExpositionFormat.PrometheusText, "using fallback_scrape_protocol \"text/plain\"")]
    [InlineData("application/json", ScrapeProtocol.OpenMetricsText100, ExpositionFormat.OpenMetricsText, "received unsupported Content-Type")]
    [InlineData("garbage", ScrapeProtocol.PrometheusProto, ExpositionFormat.Protobuf, "could not parse received Content-Type")]
    public void Missing_or_unknown_content_type_uses_the_fallback_with_a_warning(string? contentType, ScrapeProtocol fallback, ExpositionFormat expected, string warning)
    {
        var result = ScrapeContentType.Resolve(contentType, fallback);
        Assert.Equal(expected, result.Format);
        Assert.True(result.UsedFallback);
        Assert.Contains(warning, result.Problem, StringComparison.Ordinal);
    }
}
