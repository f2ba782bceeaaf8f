namespace Pharos.Exposition.Negotiation;

/// <summary>The encodings a <c>/metrics</c> handler can answer with (prometheus/common <c>expfmt.Format</c>).</summary>
public enum ResponseFormat : byte
{
    /// <summary>Prometheus text 0.0.4.</summary>
    PrometheusText = 0,

    /// <summary>OpenMetrics text 0.0.1 (written the same as 1.0.0).</summary>
    OpenMetricsText001,

    /// <summary>OpenMetrics text 1.0.0.</summary>
    OpenMetricsText100,

    /// <summary>Delimited protobuf.</summary>
    ProtobufDelimited,

    /// <summary>Protobuf text format (debugging only; Pharos does not write it).</summary>
    ProtobufText,

    /// <summary>Protobuf compact text format (debugging only; Pharos does not write it).</summary>
    ProtobufCompactText,
}
