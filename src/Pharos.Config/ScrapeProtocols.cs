namespace Pharos.Config;

/// <summary>The exposition protocols a scrape may negotiate (<c>scrape_protocols</c>, <c>fallback_scrape_protocol</c>), spelled as upstream.</summary>
public static class ScrapeProtocols
{
    /// <summary>All supported protocol names with their Accept media types.</summary>
    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PrometheusProto"] = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited",
        ["PrometheusText0.0.4"] = "text/plain;version=0.0.4",
        ["PrometheusText1.0.0"] = "text/plain;version=1.0.0",
        ["OpenMetricsText0.0.1"] = "application/openmetrics-text;version=0.0.1",
        ["OpenMetricsText1.0.0"] = "application/openmetrics-text;version=1.0.0",
    };

    /// <summary>The default preference order.</summary>
    public static readonly IReadOnlyList<string> Default = ["OpenMetricsText1.0.0", "OpenMetricsText0.0.1", "PrometheusText1.0.0", "PrometheusText0.0.4"];

    /// <summary>The order used when native histograms are scraped: protobuf first.</summary>
    public static readonly IReadOnlyList<string> ProtoFirst = ["PrometheusProto", "OpenMetricsText1.0.0", "OpenMetricsText0.0.1", "PrometheusText1.0.0", "PrometheusText0.0.4"];

    internal static string? ValidateOne(string protocol) =>
        Headers.ContainsKey(protocol)
            ? null
            : $"unknown scrape protocol {protocol}, supported: [{string.Join(" ", Headers.Keys.Order(StringComparer.Ordinal))}]";

    internal static string? ValidateList(IReadOnlyList<string> protocols)
    {
        if (protocols.Count == 0)
        {
            return "scrape_protocols cannot be empty";
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in protocols)
        {
            if (!seen.Add(p))
            {
                return $"duplicated protocol in scrape_protocols, got [{string.Join(" ", protocols)}]";
            }

            if (ValidateOne(p) is { } error)
            {
                return "scrape_protocols: " + error;
            }
        }

        return null;
    }
}
