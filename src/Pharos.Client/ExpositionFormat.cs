namespace Pharos.Client;

/// <summary>The wire formats a registry can serialise to.</summary>
public enum ExpositionFormat
{
    /// <summary>The Prometheus text format, version 0.0.4.</summary>
    PrometheusText,

    /// <summary>The OpenMetrics 1.0 text format, terminated by <c># EOF</c>.</summary>
    OpenMetricsText,

    /// <summary>Varint-length-delimited <c>io.prometheus.client.MetricFamily</c> protobuf messages.</summary>
    Protobuf,
}
