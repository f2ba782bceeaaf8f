using System.Globalization;
using System.Text;

namespace Pharos.Exposition.Negotiation;

/// <summary>
/// Names, media types and <c>Accept</c> header construction for <see cref="ScrapeProtocol"/>, matching Prometheus 3's
/// <c>config.ScrapeProtocolsHeaders</c> and <c>scrape.acceptHeader</c>.
/// </summary>
public static class ScrapeProtocols
{
    /// <summary>The default <c>scrape_protocols</c>: OpenMetrics first, then the Prometheus text formats.</summary>
    public static IReadOnlyList<ScrapeProtocol> Default { get; } =
    [
        ScrapeProtocol.OpenMetricsText100,
        ScrapeProtocol.OpenMetricsText001,
        ScrapeProtocol.PrometheusText100,
        ScrapeProtocol.PrometheusText004,
    ];

    /// <summary>The defaults when native histograms or created timestamps are wanted: protobuf first.</summary>
    public static IReadOnlyList<ScrapeProtocol> DefaultProtoFirst { get; } =
    [
        ScrapeProtocol.PrometheusProto,
        ScrapeProtocol.OpenMetricsText100,
        ScrapeProtocol.OpenMetricsText001,
        ScrapeProtocol.PrometheusText100,
        ScrapeProtocol.PrometheusText004,
    ];

    // The number of known protocols sets the first q-value (q=0.<count+1>), as upstream.
    private const int ProtocolCount = 5;

    /// <summary>The configuration name, e.g. <c>OpenMetricsText1.0.0</c>.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns>The name used in <c>prometheus.yml</c>.</returns>
    public static string ToName(ScrapeProtocol protocol) => protocol switch
    {
        ScrapeProtocol.PrometheusProto => "PrometheusProto",
        ScrapeProtocol.OpenMetricsText100 => "OpenMetricsText1.0.0",
        ScrapeProtocol.OpenMetricsText001 => "OpenMetricsText0.0.1",
        ScrapeProtocol.PrometheusText100 => "PrometheusText1.0.0",
        ScrapeProtocol.PrometheusText004 => "PrometheusText0.0.4",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };

    /// <summary>Parses a configuration name (case-sensitive, as upstream).</summary>
    /// <param name="name">The name, e.g. <c>PrometheusProto</c>.</param>
    /// <param name="protocol">The protocol.</param>
    /// <returns>False for an unknown name.</returns>
    public static bool TryParse(string? name, out ScrapeProtocol protocol)
    {
        foreach (var candidate in Enum.GetValues<ScrapeProtocol>())
        {
            if (ToName(candidate) == name)
            {
                protocol = candidate;
                return true;
            }
        }

        protocol = default;
        return false;
    }

    /// <summary>The media range sent in <c>Accept</c>, e.g. <c>text/plain;version=0.0.4</c>.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns>The header value without q-value.</returns>
    public static string ToHeader(ScrapeProtocol protocol) => protocol switch
    {
        ScrapeProtocol.PrometheusProto => "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited",
        ScrapeProtocol.OpenMetricsText100 => "application/openmetrics-text;version=1.0.0",
        ScrapeProtocol.OpenMetricsText001 => "application/openmetrics-text;version=0.0.1",
        ScrapeProtocol.PrometheusText100 => "text/plain;version=1.0.0",
        ScrapeProtocol.PrometheusText004 => "text/plain;version=0.0.4",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };

    /// <summary>The bare media type, e.g. <c>text/plain</c>.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns>The media type.</returns>
    public static string ToMediaType(ScrapeProtocol protocol)
    {
        var header = ToHeader(protocol);
        return header[..header.IndexOf(';', StringComparison.Ordinal)];
    }

    /// <summary>The parser format for a protocol.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns>The exposition format.</returns>
    public static ExpositionFormat ToFormat(ScrapeProtocol protocol) => protocol switch
    {
        ScrapeProtocol.PrometheusProto => ExpositionFormat.Protobuf,
        ScrapeProtocol.OpenMetricsText100 or ScrapeProtocol.OpenMetricsText001 => ExpositionFormat.OpenMetricsText,
        _ => ExpositionFormat.PrometheusText,
    };

    /// <summary>The <c>escaping</c> parameter value, e.g. <c>allow-utf-8</c>.</summary>
    /// <param name="scheme">The scheme.</param>
    /// <returns>The parameter value.</returns>
    public static string ToName(NameEscapingScheme scheme) => scheme switch
    {
        NameEscapingScheme.Underscores => "underscores",
        NameEscapingScheme.Dots => "dots",
        NameEscapingScheme.Values => "values",
        _ => "allow-utf-8",
    };

    /// <summary>Parses an <c>escaping</c> parameter value.</summary>
    /// <param name="name">The value.</param>
    /// <param name="scheme">The scheme.</param>
    /// <returns>False for an unknown value.</returns>
    public static bool TryParseEscaping(string? name, out NameEscapingScheme scheme)
    {
        (var ok, scheme) = name switch
        {
            "allow-utf-8" => (true, NameEscapingScheme.AllowUtf8),
            "underscores" => (true, NameEscapingScheme.Underscores),
            "dots" => (true, NameEscapingScheme.Dots),
            "values" => (true, NameEscapingScheme.Values),
            _ => (false, NameEscapingScheme.AllowUtf8),
        };
        return ok;
    }

    /// <summary>
    /// Builds the scrape request's <c>Accept</c> header as Prometheus 3 does: each protocol in order with a falling
    /// q-value starting at <c>0.6</c>, the two 1.0.0 text formats carrying <c>escaping=…</c>, and a final
    /// <c>*/*</c> at the next lower q-value. For example the defaults give
    /// <c>application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2</c>.
    /// </summary>
    /// <param name="protocols">The <c>scrape_protocols</c> list, in preference order (validated, no duplicates).</param>
    /// <param name="escaping">The <c>metric_name_escaping_scheme</c>; <c>allow-utf-8</c> by default.</param>
    /// <returns>The header value.</returns>
    public static string BuildAcceptHeader(IReadOnlyList<ScrapeProtocol> protocols, NameEscapingScheme escaping = NameEscapingScheme.AllowUtf8)
    {
        ArgumentNullException.ThrowIfNull(protocols);
        var sb = new StringBuilder(256);
        var weight = ProtocolCount + 1;
        foreach (var protocol in protocols)
        {
            sb.Append(ToHeader(protocol));
            if (protocol is ScrapeProtocol.PrometheusText100 or ScrapeProtocol.OpenMetricsText100)
            {
                sb.Append(";escaping=").Append(ToName(escaping));
            }

            sb.Append(CultureInfo.InvariantCulture, $";q=0.{weight},");
            weight--;
        }

        return sb.Append(CultureInfo.InvariantCulture, $"*/*;q=0.{weight}").ToString();
    }
}
