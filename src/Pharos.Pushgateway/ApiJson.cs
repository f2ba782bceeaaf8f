using System.Globalization;
using System.Text.Json;
using Pharos.Exposition.Model;
using Pharos.Model;

namespace Pharos.Pushgateway;

/// <summary>The JSON bodies of <c>/api/v1/metrics</c> and <c>/api/v1/status</c>, shaped as upstream's.</summary>
public static class ApiJson
{
    /// <summary>Writes <c>{"status":"success","data":[…groups…]}</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="groups">The groups.</param>
    public static void WriteMetrics(Utf8JsonWriter writer, IReadOnlyList<MetricGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(groups);
        writer.WriteStartObject();
        writer.WriteString("status", "success");
        writer.WriteStartArray("data");
        foreach (var group in groups)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("labels");
            foreach (var (name, value) in group.Key.Pairs)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            writer.WriteBoolean("last_push_successful", group.LastPushSuccessful);
            foreach (var (name, stored) in MetricStore.ExposedFamilies(group))
            {
                if (name is "labels" or "last_push_successful")
                {
                    continue;
                }

                writer.WriteStartObject(name);
                writer.WriteString("time_stamp", FormatTime(stored.Timestamp));
                writer.WriteString("type", MetricStore.TypeName(stored.Family.Type));
                if (stored.Family.Help.Length > 0)
                {
                    writer.WriteString("help", stored.Family.Help);
                }

                writer.WriteStartArray("metrics");
                foreach (var point in stored.Family.Points)
                {
                    WritePoint(writer, stored.Family, point, group.Key);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes the status body: build information, flags and start time.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="flags">Flag name to value.</param>
    /// <param name="startTime">When the process started.</param>
    public static void WriteStatus(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> flags, DateTimeOffset startTime)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(flags);
        writer.WriteStartObject();
        writer.WriteString("status", "success");
        writer.WriteStartObject("data");
        writer.WriteStartObject("build_information");
        writer.WriteString("branch", "main");
        writer.WriteString("buildDate", string.Empty);
        writer.WriteString("buildUser", string.Empty);
        writer.WriteString("goVersion", "dotnet" + Hosting.BuildInfo.RuntimeVersion);
        writer.WriteString("revision", Hosting.BuildInfo.Revision);
        writer.WriteString("version", Hosting.BuildInfo.Version);
        writer.WriteEndObject();
        writer.WriteStartObject("flags");
        foreach (var (name, value) in flags.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
        writer.WriteString("start_time", FormatTime(startTime));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Formats a time as Go's <c>time.Time</c> JSON (RFC 3339 with trailing fraction zeros dropped).</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void WritePoint(Utf8JsonWriter writer, MetricFamily family, MetricPoint point, GroupingKey key)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("labels");
        foreach (var (name, value) in MetricStore.ExposedLabels(point.Labels, key))
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
        switch (family.Type)
        {
            case MetricType.Summary:
                writer.WriteStartObject("quantiles");
                foreach (var q in point.Quantiles)
                {
                    writer.WriteString(GoFloat.FormatG(q.Rank), GoFloat.FormatG(q.Value));
                }

                writer.WriteEndObject();
                writer.WriteString("count", GoFloat.FormatG(point.Count));
                writer.WriteString("sum", GoFloat.FormatG(point.Sum));
                break;
            case MetricType.Histogram or MetricType.GaugeHistogram:
                writer.WriteString("sum", GoFloat.FormatG(point.Sum));
                writer.WriteStartObject("buckets");
                foreach (var b in point.Buckets)
                {
                    writer.WriteString(GoFloat.FormatG(b.UpperBound), GoFloat.FormatG(b.CumulativeCount));
                }

                writer.WriteEndObject();
                writer.WriteString("count", GoFloat.FormatG(point.Count));
                break;
            default:
                writer.WriteString("value", GoFloat.FormatG(point.Value));
                break;
        }

        writer.WriteEndObject();
    }
}
