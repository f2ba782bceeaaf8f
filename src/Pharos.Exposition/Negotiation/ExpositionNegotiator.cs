using System.Globalization;

namespace Pharos.Exposition.Negotiation;

/// <summary>
/// Server-side content negotiation for a <c>/metrics</c> endpoint, as prometheus/common's <c>expfmt.Negotiate</c>
/// and <c>expfmt.NegotiateIncludingOpenMetrics</c> do: the <c>Accept</c> ranges are ordered by q-value (then by
/// specificity) and the first one naming a supported format wins; anything else, including no header, gets the
/// Prometheus text format. An <c>escaping</c> parameter on any range seen before the match selects the name
/// escaping; otherwise <see cref="DefaultEscaping"/> applies.
/// </summary>
public static class ExpositionNegotiator
{
    /// <summary>The escaping used when the client names none (prometheus/common's default, <c>underscores</c>).</summary>
    public const NameEscapingScheme DefaultEscaping = NameEscapingScheme.Underscores;

    /// <summary>Negotiates among Prometheus text and the protobuf encodings (never OpenMetrics).</summary>
    /// <param name="accept">The request's Accept header, or null.</param>
    /// <returns>The chosen format.</returns>
    public static NegotiatedFormat Negotiate(string? accept) => Choose(accept, includeOpenMetrics: false);

    /// <summary>Negotiates among Prometheus text, OpenMetrics 0.0.1/1.0.0 and the protobuf encodings.</summary>
    /// <param name="accept">The request's Accept header, or null.</param>
    /// <returns>The chosen format.</returns>
    public static NegotiatedFormat NegotiateIncludingOpenMetrics(string? accept) => Choose(accept, includeOpenMetrics: true);

    private static NegotiatedFormat Choose(string? accept, bool includeOpenMetrics)
    {
        var escaping = DefaultEscaping;
        foreach (var range in ParseAccept(accept))
        {
            if (range.Parameters.TryGetValue("escaping", out var e) && ScrapeProtocols.TryParseEscaping(e, out var scheme))
            {
                escaping = scheme;
            }

            range.Parameters.TryGetValue("version", out var version);
            version ??= string.Empty;
            if (range.Type == "application" && range.SubType == "vnd.google.protobuf"
                && range.Parameters.TryGetValue("proto", out var proto) && proto == "io.prometheus.client.MetricFamily")
            {
                range.Parameters.TryGetValue("encoding", out var encoding);
                switch (encoding)
                {
                    case "delimited":
                        return new(ResponseFormat.ProtobufDelimited, escaping);
                    case "text":
                        return new(ResponseFormat.ProtobufText, escaping);
                    case "compact-text":
                        return new(ResponseFormat.ProtobufCompactText, escaping);
                    default:
                        break;
                }
            }

            if (range.Type == "text" && range.SubType == "plain" && version is "0.0.4" or "")
            {
                return new(ResponseFormat.PrometheusText, escaping);
            }

            if (includeOpenMetrics && range.Type == "application" && range.SubType == "openmetrics-text"
                && version is "0.0.1" or "1.0.0" or "")
            {
                return new(version == "1.0.0" ? ResponseFormat.OpenMetricsText100 : ResponseFormat.OpenMetricsText001, escaping);
            }
        }

        return new(ResponseFormat.PrometheusText, escaping);
    }

    // goautoneg's ParseAccept: comma-separated ranges, "q" parsed as a float, other parameters kept verbatim
    // (trimmed, not unquoted), sorted by q descending then by specificity.
    private static List<AcceptRange> ParseAccept(string? header)
    {
        var ranges = new List<AcceptRange>();
        if (string.IsNullOrEmpty(header))
        {
            return ranges;
        }

        foreach (var part in header.Split(','))
        {
            var pieces = part.Trim().Split(';');
            var mediaRange = pieces[0].Trim();
            string type, subType;
            var slash = mediaRange.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                type = mediaRange[..slash];
                subType = mediaRange[(slash + 1)..];
            }
            else if (mediaRange == "*")
            {
                type = "*";
                subType = "*";
            }
            else
            {
                continue;
            }

            var range = new AcceptRange(type, subType, ranges.Count);
            for (var i = 1; i < pieces.Length; i++)
            {
                var kv = pieces[i].Split('=', 2);
                if (kv.Length != 2)
                {
                    continue;
                }

                var key = kv[0].Trim();
                if (key == "q")
                {
                    range.Q = double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : 0;
                }
                else
                {
                    range.Parameters[key] = kv[1].Trim();
                }
            }

            ranges.Add(range);
        }

        ranges.Sort(static (a, b) =>
        {
            var c = b.Q.CompareTo(a.Q);
            if (c != 0)
            {
                return c;
            }

            c = (a.Type == "*").CompareTo(b.Type == "*");
            if (c != 0)
            {
                return c;
            }

            c = (a.SubType == "*").CompareTo(b.SubType == "*");
            return c != 0 ? c : a.Index.CompareTo(b.Index);
        });
        return ranges;
    }

    private sealed class AcceptRange(string type, string subType, int index)
    {
        public string Type { get; } = type;

        public string SubType { get; } = subType;

        public int Index { get; } = index;

        public double Q { get; set; } = 1;

        public Dictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);
    }
}
