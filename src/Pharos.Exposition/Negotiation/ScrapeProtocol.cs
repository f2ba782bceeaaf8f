namespace Pharos.Exposition.Negotiation;

/// <summary>
/// The scrape protocols of Prometheus's <c>scrape_protocols</c> and <c>fallback_scrape_protocol</c> settings. The
/// configuration names (<c>PrometheusProto</c>, <c>OpenMetricsText1.0.0</c>, …) are in <see cref="ScrapeProtocols"/>.
/// </summary>
public enum ScrapeProtocol : byte
{
    /// <summary><c>PrometheusProto</c>: delimited protobuf <c>io.prometheus.client.MetricFamily</c>.</summary>
    PrometheusProto = 0,

    /// <summary><c>OpenMetricsText1.0.0</c>.</summary>
    OpenMetricsText100,

    /// <summary><c>OpenMetricsText0.0.1</c>.</summary>
    OpenMetricsText001,

    /// <summary><c>PrometheusText1.0.0</c>: the text format with UTF-8 names.</summary>
    PrometheusText100,

    /// <summary><c>PrometheusText0.0.4</c>: the classic text format.</summary>
    PrometheusText004,
}
