using Pharos.Exposition.Negotiation;
using Xunit;

namespace Pharos.Exposition.Tests.Negotiation;

public class ScrapeProtocolsTests
{
    [Fact]
    public void Default_accept_header_matches_Prometheus_3()
    {
        Assert.Equal(
            "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6," +
            "application/openmetrics-text;version=0.0.1;q=0.5," +
            "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4," +
            "text/plain;version=0.0.4;q=0.3,*/*;q=0.2",
            ScrapeProtocols.BuildAcceptHeader(ScrapeProtocols.Default));
    }

    [Fact]
    public void Proto_first_accept_header_matches_Prometheus_3()
    {
        Assert.Equal(
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6," +
            "application/openmetrics-text;version=1.0.0;escaping=underscores;q=0.5," +
            "application/openmetrics-text;version=0.0.1;q=0.4," +
            "text/plain;version=1.0.0;escaping=underscores;q=0.3," +
            "text/plain;version=0.0.4;q=0.2,*/*;q=0.1",
            ScrapeProtocols.BuildAcceptHeader(ScrapeProtocols.DefaultProtoFirst, NameEscapingScheme.Underscores));
    }

    [Theory]
    [InlineData(new[] { "PrometheusText0.0.4" }, "text/plain;version=0.0.4;q=0.6,*/*;q=0.5")]
    [InlineData(new[] { "PrometheusProto" }, "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,*/*;q=0.5")]
    [InlineData(new[] { "PrometheusText1.0.0", "OpenMetricsText1.0.0" }, "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,*/*;q=0.4")]
    public void Accept_header_from_configured_protocols(string[] names, string expected)
    {
        var protocols = names.Select(n => Assert.IsType<ScrapeProtocol>(ScrapeProtocols.TryParse(n, out var p) ? p : null)).ToList();
        Assert.Equal(expected, ScrapeProtocols.BuildAcceptHeader(protocols));
    }

    [Theory]
    [InlineData("PrometheusProto", true)]
    [InlineData("OpenMetricsText1.0.0", true)]
    [InlineData("OpenMetricsText0.0.1", true)]
    [InlineData("PrometheusText0.0.4", true)]
    [InlineData("PrometheusText1.0.0", true)]
    [InlineData("prometheusproto", false)]
    [InlineData("OpenMetricsText2.0.0", false)]
    [InlineData("", false)]
    public void Protocol_names_round_trip(string name, bool known)
    {
        Assert.Equal(known, ScrapeProtocols.TryParse(name, out var protocol));
        if (known)
        {
            Assert.Equal(name, ScrapeProtocols.ToName(protocol));
        }
    }
}
