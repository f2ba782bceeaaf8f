namespace Pharos.Exposition;

/// <summary>The exposition formats Pharos can parse.</summary>
public enum ExpositionFormat : byte
{
    /// <summary>The Prometheus text format 0.0.4 (<c>text/plain; version=0.0.4</c>).</summary>
    PrometheusText = 0,

    /// <summary>The OpenMetrics 1.0 text format (<c>application/openmetrics-text; version=1.0.0</c>).</summary>
    OpenMetricsText,

    /// <summary>Varint-delimited <c>io.prometheus.client.MetricFamily</c> messages (<c>application/vnd.google.protobuf</c>).</summary>
    Protobuf,
}
