using System.Globalization;
using System.Text;
using System.Text.Json;
using Pharos.Exposition;
using Pharos.Exposition.Model;

namespace Pharos.Pushgateway.Tests;

/// <summary>
/// Turns a Pushgateway's <c>/metrics</c> or <c>/api/v1/metrics</c> into comparable text: own metrics dropped, series
/// sorted, push times reduced to "set"/"zero", timestamps removed.
/// </summary>
internal static class Normalize
{
    private static readonly string[] OwnPrefixes = ["go_", "process_", "pushgateway_", "promhttp_", "dotnet_"];

    public static string Exposition(byte[] body, string? contentType)
    {
        var format = contentType is not null && contentType.StartsWith("application/vnd.google.protobuf", StringComparison.Ordinal)
            ? ExpositionFormat.Protobuf
            : ExpositionFormat.PrometheusText;
        var lines = new List<string>();
        foreach (var family in MetricFamilyReader.Read(body, format, ParserMode.Scrape))
        {
            if (OwnPrefixes.Any(p => family.Name.StartsWith(p, StringComparison.Ordinal)))
            {
                continue;
            }

            var pushTime = family.Name is MetricStore.PushTimeMetric or MetricStore.PushFailureTimeMetric;
            foreach (var point in family.Points)
            {
                lines.Add($"{family.Name} {family.Type} help=\"{family.Help}\" {point.Labels} {Value(family, point, pushTime)}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    public static string ApiMetrics(string json)
    {
        using var document = JsonDocument.Parse(json);
        var groups = new List<string>();
        foreach (var group in document.RootElement.GetProperty("data").EnumerateArray())
        {
            var sb = new StringBuilder();
            sb.Append("group ").Append(Map(group.GetProperty("labels")))
                .Append(" ok=").Append(group.GetProperty("last_push_successful").GetBoolean()).Append('\n');
            foreach (var property in group.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                if (property.Name is "labels" or "last_push_successful")
                {
                    continue;
                }

                var family = property.Value;
                var help = family.TryGetProperty("help", out var h) ? h.GetString() : null;
                sb.Append("  ").Append(property.Name).Append(' ').Append(family.GetProperty("type").GetString())
                    .Append(" help=").Append(help).Append('\n');
                var pushTime = property.Name is MetricStore.PushTimeMetric or MetricStore.PushFailureTimeMetric;
                var metrics = new List<string>();
                foreach (var metric in family.GetProperty("metrics").EnumerateArray())
                {
                    var parts = new List<string>();
                    foreach (var field in metric.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                    {
                        var text = field.Value.ValueKind == JsonValueKind.Object ? Map(field.Value) : field.Value.GetString();
                        if (pushTime && field.Name == "value")
                        {
                            text = text == "0" ? "zero" : "set";
                        }

                        parts.Add(field.Name + "=" + text);
                    }

                    metrics.Add("    " + string.Join(' ', parts));
                }

                metrics.Sort(StringComparer.Ordinal);
                foreach (var m in metrics)
                {
                    sb.Append(m).Append('\n');
                }
            }

            groups.Add(sb.ToString());
        }

        groups.Sort(StringComparer.Ordinal);
        return string.Join(string.Empty, groups);
    }

    private static string Map(JsonElement obj) =>
        "{" + string.Join(",", obj.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value.GetString()}")) + "}";

    private static string Value(MetricFamily family, MetricPoint point, bool pushTime)
    {
        if (pushTime)
        {
            return point.Value == 0 ? "zero" : "set";
        }

        if (point.Buckets.Count > 0 || point.Quantiles.Count > 0 || family.Type is Pharos.Model.MetricType.Histogram or Pharos.Model.MetricType.Summary)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"count={point.Count} sum={point.Sum} b=[{string.Join(",", point.Buckets.Select(b => $"{b.UpperBound}:{b.CumulativeCount}"))}] q=[{string.Join(",", point.Quantiles)}]");
        }

        return point.Value.ToString("R", CultureInfo.InvariantCulture);
    }
}
