namespace Pharos.Client;

/// <summary>Content types of the exposition formats and negotiation from an HTTP <c>Accept</c> header, as client_golang's promhttp.</summary>
public static class ExpositionFormats
{
    /// <summary>The Content-Type of the Prometheus text format 0.0.4.</summary>
    public const string PrometheusTextContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The Content-Type of the OpenMetrics 1.0 text format.</summary>
    public const string OpenMetricsTextContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /// <summary>The Content-Type of delimited protobuf <c>MetricFamily</c> messages.</summary>
    public const string ProtobufContentType = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

    /// <summary>Returns the Content-Type header value for <paramref name="format"/>.</summary>
    /// <param name="format">The format.</param>
    /// <returns>The header value.</returns>
    public static string GetContentType(ExpositionFormat format) => format switch
    {
        ExpositionFormat.OpenMetricsText => OpenMetricsTextContentType,
        ExpositionFormat.Protobuf => ProtobufContentType,
        _ => PrometheusTextContentType,
    };

    /// <summary>
    /// Picks the format for an HTTP <c>Accept</c> header: entries are tried in order of their <c>q</c> weight;
    /// delimited <c>io.prometheus.client.MetricFamily</c> protobuf and <c>application/openmetrics-text</c>
    /// (version 1.0.0 or 0.0.1) are honoured; anything else, or no header, gets the Prometheus text format.
    /// </summary>
    /// <param name="accept">The header value, possibly null or empty.</param>
    /// <returns>The chosen format.</returns>
    public static ExpositionFormat Negotiate(string? accept) => Negotiate([accept]);

    /// <summary>Picks the format for the values of one or more <c>Accept</c> headers (see <see cref="Negotiate(string?)"/>).</summary>
    /// <param name="acceptHeaders">The header values.</param>
    /// <returns>The chosen format.</returns>
    public static ExpositionFormat Negotiate(IEnumerable<string?> acceptHeaders)
    {
        ArgumentNullException.ThrowIfNull(acceptHeaders);
        var candidates = new List<(double Q, int Order, ExpositionFormat? Format)>();
        foreach (var header in acceptHeaders)
        {
            if (string.IsNullOrEmpty(header))
            {
                continue;
            }

            foreach (var entry in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                candidates.Add(Parse(entry, candidates.Count));
            }
        }

        // A stable order: highest weight first, then header order.
        candidates.Sort(static (a, b) => a.Q != b.Q ? b.Q.CompareTo(a.Q) : a.Order.CompareTo(b.Order));
        foreach (var (q, _, format) in candidates)
        {
            if (q > 0 && format is { } f)
            {
                return f;
            }
        }

        return ExpositionFormat.PrometheusText;
    }

    private static (double Q, int Order, ExpositionFormat? Format) Parse(string entry, int order)
    {
        var parts = entry.Split(';', StringSplitOptions.TrimEntries);
        var mediaType = parts[0];
        double q = 1;
        string? version = null, proto = null, encoding = null;
        for (var i = 1; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var key = parts[i][..eq].Trim();
            var value = parts[i][(eq + 1)..].Trim().Trim('"');
            if (key.Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                q = double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
            }
            else if (key.Equals("version", StringComparison.OrdinalIgnoreCase))
            {
                version = value;
            }
            else if (key.Equals("proto", StringComparison.OrdinalIgnoreCase))
            {
                proto = value;
            }
            else if (key.Equals("encoding", StringComparison.OrdinalIgnoreCase))
            {
                encoding = value;
            }
        }

        ExpositionFormat? format = null;
        if (mediaType.Equals("application/vnd.google.protobuf", StringComparison.OrdinalIgnoreCase) &&
            proto == "io.prometheus.client.MetricFamily" && encoding == "delimited")
        {
            format = ExpositionFormat.Protobuf;
        }
        else if (mediaType.Equals("application/openmetrics-text", StringComparison.OrdinalIgnoreCase) &&
                 (version is null or "" or "1.0.0" or "0.0.1"))
        {
            format = ExpositionFormat.OpenMetricsText;
        }
        else if (mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase) && (version is null or "" or "0.0.4"))
        {
            format = ExpositionFormat.PrometheusText;
        }

        return (q, order, format);
    }
}
