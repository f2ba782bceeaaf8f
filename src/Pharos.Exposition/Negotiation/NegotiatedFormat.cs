namespace Pharos.Exposition.Negotiation;

/// <summary>The response encoding chosen by <see cref="ExpositionNegotiator"/>.</summary>
/// <param name="Format">The encoding.</param>
/// <param name="Escaping">The name escaping the client asked for, or the default.</param>
public readonly record struct NegotiatedFormat(ResponseFormat Format, NameEscapingScheme Escaping)
{
    /// <summary>The exposition format family of <see cref="Format"/>.</summary>
    public ExpositionFormat ExpositionFormat => Format switch
    {
        ResponseFormat.OpenMetricsText001 or ResponseFormat.OpenMetricsText100 => ExpositionFormat.OpenMetricsText,
        ResponseFormat.ProtobufDelimited or ResponseFormat.ProtobufText or ResponseFormat.ProtobufCompactText => ExpositionFormat.Protobuf,
        _ => ExpositionFormat.PrometheusText,
    };

    /// <summary>
    /// The response Content-Type as client_golang sends it, e.g.
    /// <c>text/plain; version=0.0.4; charset=utf-8; escaping=underscores</c>.
    /// </summary>
    public string ContentType => Format switch
    {
        ResponseFormat.OpenMetricsText001 => "application/openmetrics-text; version=0.0.1; charset=utf-8",
        ResponseFormat.OpenMetricsText100 => "application/openmetrics-text; version=1.0.0; charset=utf-8",
        ResponseFormat.ProtobufDelimited => "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited",
        ResponseFormat.ProtobufText => "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=text",
        ResponseFormat.ProtobufCompactText => "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=compact-text",
        _ => "text/plain; version=0.0.4; charset=utf-8",
    } + "; escaping=" + ScrapeProtocols.ToName(Escaping);
}
