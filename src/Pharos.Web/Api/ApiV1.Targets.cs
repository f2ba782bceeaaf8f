using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Pharos.Model;
using Pharos.PromQL.Parser;

namespace Pharos.Web.Api;

/// <summary>The scrape and rule endpoints: <c>targets</c>, <c>targets/metadata</c>, <c>metadata</c>, <c>rules</c>, <c>alerts</c>, <c>alertmanagers</c>.</summary>
public sealed partial class ApiV1
{
    internal ApiResult Targets(ApiParameters parameters, HttpContext context)
    {
        var pool = parameters.Value("scrapePool");
        var state = parameters.Value("state").ToLowerInvariant();
        var showActive = state is "" or "any" or "active";
        var showDropped = state is "" or "any" or "dropped";
        var retriever = _options.Targets;
        var active = showActive && retriever is not null
            ? retriever.ActiveTargets().Where(t => pool.Length == 0 || t.ScrapePool == pool).OrderBy(t => t.ScrapePool, StringComparer.Ordinal).ToList()
            : [];
        var dropped = showDropped && retriever is not null
            ? retriever.DroppedTargets().Where(t => pool.Length == 0 || t.ScrapePool == pool).OrderBy(t => t.ScrapePool, StringComparer.Ordinal).ToList()
            : [];
        var counts = showDropped ? retriever?.DroppedTargetCounts() ?? new Dictionary<string, int>() : null;
        return new ApiResult(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("activeTargets"u8);
            writer.WriteStartArray();
            foreach (var t in active)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("discoveredLabels"u8);
                ApiJson.WriteLabels(writer, t.DiscoveredLabels);
                writer.WritePropertyName("labels"u8);
                ApiJson.WriteLabels(writer, t.Labels);
                writer.WriteString("scrapePool"u8, t.ScrapePool);
                writer.WriteString("scrapeUrl"u8, t.ScrapeUrl);
                writer.WriteString("globalUrl"u8, t.GlobalUrl);
                writer.WriteString("lastError"u8, t.LastError);
                writer.WriteString("lastScrape"u8, t.LastScrape == DateTimeOffset.MinValue ? "0001-01-01T00:00:00Z" : ApiJson.FormatRfc3339(t.LastScrape));
                writer.WriteNumber("lastScrapeDuration"u8, t.LastScrapeDuration.TotalSeconds);
                writer.WriteString("health"u8, t.Health);
                writer.WriteString("scrapeInterval"u8, PrometheusDuration.Format(t.ScrapeInterval));
                writer.WriteString("scrapeTimeout"u8, PrometheusDuration.Format(t.ScrapeTimeout));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WritePropertyName("droppedTargets"u8);
            writer.WriteStartArray();
            foreach (var t in dropped)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("discoveredLabels"u8);
                ApiJson.WriteLabels(writer, t.DiscoveredLabels);
                writer.WriteString("scrapePool"u8, t.ScrapePool);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WritePropertyName("droppedTargetCounts"u8);
            if (counts is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStartObject();
                foreach (var (name, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
                {
                    writer.WriteNumber(name, count);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });
    }

    internal ApiResult TargetMetadata(ApiParameters parameters, HttpContext context)
    {
        var limit = MetadataLimit(parameters, "limit");
        var matchTarget = parameters.Value("match_target");
        Matcher[] matchers = [];
        if (matchTarget.Length > 0)
        {
            try
            {
                matchers = PromQLParser.ParseMetricSelector(matchTarget);
            }
            catch (PromQLParseException e)
            {
                throw ApiException.InvalidParameter("match_target", e.Message);
            }
        }

        var metric = parameters.Value("metric");
        var entries = new List<TargetMetadata>();
        foreach (var entry in _options.Metadata?.TargetMetadata() ?? [])
        {
            if (limit >= 0 && entries.Count >= limit)
            {
                break;
            }

            if ((metric.Length == 0 || entry.Metric == metric) && MatchesAny(entry.Target, [matchers]))
            {
                entries.Add(entry);
            }
        }

        return new ApiResult(writer =>
        {
            writer.WriteStartArray();
            foreach (var entry in entries)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("target"u8);
                ApiJson.WriteLabels(writer, entry.Target);
                if (entry.Metric.Length > 0)
                {
                    writer.WriteString("metric"u8, entry.Metric);
                }

                writer.WriteString("type"u8, MetricTypes.ToName(entry.Metadata.Type));
                writer.WriteString("help"u8, entry.Metadata.Help);
                writer.WriteString("unit"u8, entry.Metadata.Unit);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    internal ApiResult MetricMetadata(ApiParameters parameters, HttpContext context)
    {
        var limit = MetadataLimit(parameters, "limit");
        var limitPerMetric = MetadataLimit(parameters, "limit_per_metric");
        var metric = parameters.Value("metric");
        var byMetric = new SortedDictionary<string, List<Metadata>>(StringComparer.Ordinal);
        foreach (var entry in _options.Metadata?.TargetMetadata() ?? [])
        {
            if (metric.Length > 0 && entry.Metric != metric)
            {
                continue;
            }

            if (!byMetric.TryGetValue(entry.Metric, out var list))
            {
                byMetric[entry.Metric] = list = [];
            }

            if (!list.Contains(entry.Metadata) && (limitPerMetric < 0 || list.Count < limitPerMetric))
            {
                list.Add(entry.Metadata);
            }
        }

        return new ApiResult(writer =>
        {
            writer.WriteStartObject();
            var written = 0;
            foreach (var (name, list) in byMetric)
            {
                if (limit >= 0 && written >= limit)
                {
                    break;
                }

                writer.WritePropertyName(name);
                writer.WriteStartArray();
                foreach (var metadata in list)
                {
                    writer.WriteStartObject();
                    writer.WriteString("type"u8, MetricTypes.ToName(metadata.Type));
                    writer.WriteString("help"u8, metadata.Help);
                    writer.WriteString("unit"u8, metadata.Unit);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                written++;
            }

            writer.WriteEndObject();
        });
    }

    internal ApiResult Alertmanagers(ApiParameters parameters, HttpContext context)
    {
        var active = _options.Alertmanagers?.ActiveAlertmanagers() ?? [];
        var dropped = _options.Alertmanagers?.DroppedAlertmanagers() ?? [];
        return new ApiResult(writer =>
        {
            writer.WriteStartObject();
            WriteUrls(writer, "activeAlertmanagers"u8, active);
            WriteUrls(writer, "droppedAlertmanagers"u8, dropped);
            writer.WriteEndObject();
        });
    }

    internal ApiResult Rules(ApiParameters parameters, HttpContext context)
    {
        var type = parameters.Value("type").ToLowerInvariant();
        if (type is not ("" or "alert" or "record"))
        {
            throw ApiException.InvalidParameter("type", $"not supported value \"{type}\"");
        }

        var excludeAlerts = parameters.Bool("exclude_alerts");
        var names = parameters.Values("rule_name[]").ToHashSet(StringComparer.Ordinal);
        var groupNames = parameters.Values("rule_group[]").ToHashSet(StringComparer.Ordinal);
        var files = parameters.Values("file[]").ToHashSet(StringComparer.Ordinal);
        var groups = (_options.Rules?.RuleGroups() ?? [])
            .Where(g => (groupNames.Count == 0 || groupNames.Contains(g.Name)) && (files.Count == 0 || files.Contains(g.File)))
            .Select(g => g with
            {
                Rules = g.Rules.Where(r => (type.Length == 0 || (type == "alert") == r.IsAlerting) && (names.Count == 0 || names.Contains(r.Name))).ToList(),
            })
            .Where(g => g.Rules.Count > 0 || (type.Length == 0 && names.Count == 0))
            .ToList();
        return new ApiResult(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("groups"u8);
            writer.WriteStartArray();
            foreach (var group in groups)
            {
                writer.WriteStartObject();
                writer.WriteString("name"u8, group.Name);
                writer.WriteString("file"u8, group.File);
                writer.WritePropertyName("rules"u8);
                writer.WriteStartArray();
                foreach (var rule in group.Rules)
                {
                    WriteRule(writer, rule, excludeAlerts);
                }

                writer.WriteEndArray();
                writer.WriteNumber("interval"u8, group.Interval.TotalSeconds);
                writer.WriteNumber("limit"u8, group.Limit);
                writer.WriteNumber("evaluationTime"u8, group.EvaluationTime.TotalSeconds);
                writer.WriteString("lastEvaluation"u8, FormatTime(group.LastEvaluation));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    internal ApiResult Alerts(ApiParameters parameters, HttpContext context)
    {
        var alerts = (_options.Rules?.RuleGroups() ?? []).SelectMany(g => g.Rules).Where(r => r.IsAlerting).SelectMany(r => r.Alerts).ToList();
        return new ApiResult(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("alerts"u8);
            writer.WriteStartArray();
            foreach (var alert in alerts)
            {
                WriteAlert(writer, alert);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static void WriteRule(Utf8JsonWriter writer, RuleInfo rule, bool excludeAlerts)
    {
        writer.WriteStartObject();
        if (rule.IsAlerting)
        {
            writer.WriteString("state"u8, rule.State);
        }

        writer.WriteString("name"u8, rule.Name);
        writer.WriteString("query"u8, rule.Query);
        if (rule.IsAlerting)
        {
            writer.WriteNumber("duration"u8, rule.Duration.TotalSeconds);
            writer.WriteNumber("keepFiringFor"u8, rule.KeepFiringFor.TotalSeconds);
            writer.WritePropertyName("labels"u8);
            ApiJson.WriteLabels(writer, rule.Labels);
            writer.WritePropertyName("annotations"u8);
            ApiJson.WriteLabels(writer, rule.Annotations);
            if (!excludeAlerts)
            {
                writer.WritePropertyName("alerts"u8);
                writer.WriteStartArray();
                foreach (var alert in rule.Alerts)
                {
                    WriteAlert(writer, alert);
                }

                writer.WriteEndArray();
            }
        }
        else if (!rule.Labels.IsEmpty)
        {
            writer.WritePropertyName("labels"u8);
            ApiJson.WriteLabels(writer, rule.Labels);
        }

        writer.WriteString("health"u8, rule.Health);
        if (rule.LastError.Length > 0)
        {
            writer.WriteString("lastError"u8, rule.LastError);
        }

        writer.WriteNumber("evaluationTime"u8, rule.EvaluationTime.TotalSeconds);
        writer.WriteString("lastEvaluation"u8, FormatTime(rule.LastEvaluation));
        writer.WriteString("type"u8, rule.IsAlerting ? "alerting"u8 : "recording"u8);
        writer.WriteEndObject();
    }

    private static void WriteAlert(Utf8JsonWriter writer, AlertInfo alert)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("labels"u8);
        ApiJson.WriteLabels(writer, alert.Labels);
        writer.WritePropertyName("annotations"u8);
        ApiJson.WriteLabels(writer, alert.Annotations);
        writer.WriteString("state"u8, alert.State);
        writer.WriteString("activeAt"u8, FormatTime(alert.ActiveAt));
        writer.WriteString("value"u8, FormatFloatE(alert.Value));
        writer.WriteEndObject();
    }

    private static string FormatTime(DateTimeOffset time) =>
        time == DateTimeOffset.MinValue ? "0001-01-01T00:00:00Z" : ApiJson.FormatRfc3339(time);

    /// <summary>Formats as Go's <c>strconv.FormatFloat(v, 'e', -1, 64)</c>: <c>1e+00</c>, <c>1.5e-07</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    internal static string FormatFloatE(double value)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
        }

        var text = value.ToString("E16", CultureInfo.InvariantCulture);
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);

        // Find the shortest precision that round-trips, then print Go's exponent form (at least two digits).
        for (var precision = 0; precision <= 16; precision++)
        {
            text = value.ToString("E" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (double.Parse(text, CultureInfo.InvariantCulture) == double.Parse(shortest, CultureInfo.InvariantCulture))
            {
                break;
            }
        }

        var e = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return text[..e] + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    private static int MetadataLimit(ApiParameters parameters, string name)
    {
        var text = parameters.Value(name);
        if (text.Length == 0)
        {
            return -1;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit)
            ? limit
            : throw new ApiException(ApiErrorType.BadData, $"{name} must be a number");
    }

    private static void WriteUrls(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<Uri> urls)
    {
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var url in urls)
        {
            writer.WriteStartObject();
            writer.WriteString("url"u8, url.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
