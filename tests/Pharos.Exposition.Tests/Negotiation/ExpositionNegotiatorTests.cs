using Pharos.Exposition.Negotiation;
using Xunit;

namespace Pharos.Exposition.Tests.Negotiation;

public class ExpositionNegotiatorTests
{
    private const string PrometheusDefault =
        "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5," +
        "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

    private const string ProtoFirst =
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6," + PrometheusDefault;

    // Rows: Accept header, expected with OpenMetrics, expected without, expected escaping.
    [Theory]
    [InlineData(null, ResponseFormat.PrometheusText, ResponseFormat.PrometheusText, NameEscapingScheme.Underscores)]
    [InlineData("", ResponseFormat.PrometheusText, ResponseFormat.PrometheusText, NameEscapingScheme.Underscores)]
    [InlineData("*/*", ResponseFormat.PrometheusText, ResponseFormat.PrometheusText, NameEscapingScheme.Underscores)]
    [InlineData("text/plain", ResponseFormat.PrometheusText, ResponseFormat.PrometheusText, NameEscapingScheme.Underscores)]
    [InlineData("text/plain;version=0.0.4", ResponseFormat.PrometheusText, ResponseFormat.PrometheusText, NameEscapingScheme.Underscores)]
    [InlineData("text/plain;version=0.0.2", ResponseFormat.PrometheusText, ResponseFormat.PrometheusText, NameEscapingScheme.Underscores)]
    [InlineData("application/json", ResponseFormat.PrometheusText, ResponseFormat.PrometheusText, NameEscapingScheme.Underscores)]
    [InlineData("application/openmetrics-text", ResponseFormat.OpenMetricsText001, ResponseFormat.PrometheusText, NameEscapingScheme.Underscores)]
    [InlineData("application/openmetrics-text;version=1.0.0", ResponseFormat.OpenMetricsText100, ResponseFormat.PrometheusText, NameEscapingScheme.Underscores)]
    [InlineData("application/openmetrics-text;version=2.0.0", ResponseFormat.PrometheusText, ResponseFormat.PrometheusText, NameEscapingScheme.Underscores)]
    [InlineData("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited", ResponseFormat.ProtobufDelimited, ResponseFormat.ProtobufDelimited, NameEscapingScheme.Underscores)]
    [InlineData("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text", ResponseFormat.ProtobufText, ResponseFormat.ProtobufText, NameEscapingScheme.Underscores)]
    [InlineData("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=compact-text", ResponseFormat.ProtobufCompactText, ResponseFormat.ProtobufCompactText, NameEscapingScheme.Underscores)]
    [InlineData("application/vnd.google.protobuf;proto=other.Message;encoding=delimited", ResponseFormat.PrometheusText, ResponseFormat.PrometheusText, NameEscapingScheme.Underscores)]
    [InlineData(PrometheusDefault, ResponseFormat.OpenMetricsText100, ResponseFormat.PrometheusText, NameEscapingScheme.AllowUtf8)]
    [InlineData(ProtoFirst, ResponseFormat.ProtobufDelimited, ResponseFormat.ProtobufDelimited, NameEscapingScheme.Underscores)]
    [InlineData("text/plain;q=0.3,application/openmetrics-text;version=1.0.0;q=0.9", ResponseFormat.OpenMetricsText100, ResponseFormat.PrometheusText, NameEscapingScheme.Underscores)]
    [InlineData("*/*;q=1,text/plain;q=0.1", ResponseFormat.PrometheusText, ResponseFormat.PrometheusText, NameEscapingScheme.Underscores)]
    [InlineData("text/plain;version=0.0.4;escaping=dots", ResponseFormat.PrometheusText, ResponseFormat.PrometheusText, NameEscapingScheme.Dots)]
    [InlineData("text/plain;version=0.0.4;escaping=values", ResponseFormat.PrometheusText, ResponseFormat.PrometheusText, NameEscapingScheme.Values)]
    [InlineData("text/plain;version=0.0.4;escaping=bogus", ResponseFormat.PrometheusText, ResponseFormat.PrometheusText, NameEscapingScheme.Underscores)]
    public void Chooses_the_format_as_expfmt_does(string? accept, ResponseFormat withOpenMetrics, ResponseFormat withoutOpenMetrics, NameEscapingScheme escaping)
    {
        var om = ExpositionNegotiator.NegotiateIncludingOpenMetrics(accept);
        Assert.Equal(withOpenMetrics, om.Format);
        Assert.Equal(escaping, om.Escaping);
        Assert.Equal(withoutOpenMetrics, ExpositionNegotiator.Negotiate(accept).Format);
    }

    [Fact]
    public void Content_types_match_client_golang()
    {
        Assert.Equal(
            "text/plain; version=0.0.4; charset=utf-8; escaping=underscores",
            ExpositionNegotiator.Negotiate(null).ContentType);
        Assert.Equal(
            "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=allow-utf-8",
            ExpositionNegotiator.NegotiateIncludingOpenMetrics(PrometheusDefault).ContentType);
        Assert.Equal(
            "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited; escaping=underscores",
            ExpositionNegotiator.Negotiate(ProtoFirst).ContentType);
    }
}
