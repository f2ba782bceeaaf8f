namespace Pharos.Client.Tests;

public sealed class NegotiationTests
{
    [Theory]
    [InlineData(null, ExpositionFormat.PrometheusText)]
    [InlineData("", ExpositionFormat.PrometheusText)]
    [InlineData("*/*", ExpositionFormat.PrometheusText)]
    [InlineData("text/plain", ExpositionFormat.PrometheusText)]
    [InlineData("text/plain;version=0.0.4", ExpositionFormat.PrometheusText)]
    [InlineData("application/openmetrics-text", ExpositionFormat.OpenMetricsText)]
    [InlineData("application/openmetrics-text; version=1.0.0; charset=utf-8", ExpositionFormat.OpenMetricsText)]
    [InlineData("application/openmetrics-text; version=0.0.1", ExpositionFormat.OpenMetricsText)]
    [InlineData("application/openmetrics-text; version=2.0.0", ExpositionFormat.PrometheusText)]
    [InlineData("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited", ExpositionFormat.Protobuf)]
    [InlineData("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text", ExpositionFormat.PrometheusText)]
    [InlineData("application/vnd.google.protobuf", ExpositionFormat.PrometheusText)]
    // Prometheus 3's default scrape Accept header: protobuf is offered first.
    [InlineData("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1", ExpositionFormat.Protobuf)]
    // Prometheus 2's default without protobuf.
    [InlineData("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1", ExpositionFormat.OpenMetricsText)]
    [InlineData("text/plain;q=0.5,application/openmetrics-text;q=0.9", ExpositionFormat.OpenMetricsText)]
    [InlineData("application/openmetrics-text;q=0, text/plain", ExpositionFormat.PrometheusText)]
    public void The_Accept_header_selects_the_format(string? accept, ExpositionFormat expected) =>
        Assert.Equal(expected, ExpositionFormats.Negotiate(accept));

    [Theory]
    [InlineData(ExpositionFormat.PrometheusText, "text/plain; version=0.0.4; charset=utf-8")]
    [InlineData(ExpositionFormat.OpenMetricsText, "application/openmetrics-text; version=1.0.0; charset=utf-8")]
    [InlineData(ExpositionFormat.Protobuf, "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited")]
    public void Each_format_has_its_upstream_content_type(ExpositionFormat format, string contentType) =>
        Assert.Equal(contentType, ExpositionFormats.GetContentType(format));
}
