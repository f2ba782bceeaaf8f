using System.Globalization;
using System.Text.Json;
using Pharos.Alertmanager.Alerts;
using Pharos.Alertmanager.Config;
using Pharos.Alertmanager.Notify;
using Pharos.Alertmanager.Silences;
using Pharos.Model;
using MatchType = Pharos.Model.MatchType;

namespace Pharos.Alertmanager.Api;

/// <summary>The API v2 models (<c>gettableAlert</c>, <c>gettableSilence</c>, …) written and read as upstream's OpenAPI spec has them.</summary>
internal static class ApiJson
{
    public static void WriteAlert(Utf8JsonWriter w, Alert a, AlertStatus status, IEnumerable<string> receivers)
    {
        w.WriteStartObject();
        w.WritePropertyName("annotations");
        GoJson.WriteLabels(w, a.Annotations);
        w.WriteString("endsAt", GoJson.Time(a.EndsAt));
        w.WriteString("fingerprint", Alert.FormatFingerprint(a.Fingerprint));
        w.WriteStartArray("receivers");
        foreach (var r in receivers)
        {
            w.WriteStartObject();
            w.WriteString("name", r);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("startsAt", GoJson.Time(a.StartsAt));
        w.WriteStartObject("status");
        WriteStrings(w, "inhibitedBy", status.InhibitedBy);
        WriteStrings(w, "silencedBy", status.SilencedBy);
        w.WriteString("state", status.State);
        w.WriteEndObject();
        w.WriteString("updatedAt", GoJson.Time(a.UpdatedAt));
        if (a.GeneratorUrl.Length > 0)
        {
            w.WriteString("generatorURL", a.GeneratorUrl);
        }

        w.WritePropertyName("labels");
        GoJson.WriteLabels(w, a.Labels);
        w.WriteEndObject();
    }

    public static void WriteSilence(Utf8JsonWriter w, Silence s, DateTimeOffset now)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteStartObject("status");
        w.WriteString("state", s.State(now));
        w.WriteEndObject();
        w.WriteString("updatedAt", GoJson.Time(s.UpdatedAt));
        w.WriteString("comment", s.Comment);
        w.WriteString("createdBy", s.CreatedBy);
        w.WriteString("endsAt", GoJson.Time(s.EndsAt));
        w.WriteStartArray("matchers");
        foreach (var m in s.Matchers)
        {
            w.WriteStartObject();
            w.WriteBoolean("isEqual", m.Type is MatchType.Equal or MatchType.Regex);
            w.WriteBoolean("isRegex", m.Type is MatchType.Regex or MatchType.NotRegex);
            w.WriteString("name", m.Name);
            w.WriteString("value", m.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("startsAt", GoJson.Time(s.StartsAt));
        w.WriteEndObject();
    }

    public static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    /// <summary>Reads a <c>postableAlerts</c> body; the error is upstream's wording for a missing field.</summary>
    public static List<Alert> ReadAlerts(JsonElement root, out string? error)
    {
        error = null;
        var result = new List<Alert>();
        if (root.ValueKind != JsonValueKind.Array)
        {
            error = "json: cannot unmarshal " + Kind(root) + " into Go value of type models.PostableAlerts";
            return result;
        }

        var i = 0;
        foreach (var e in root.EnumerateArray())
        {
            if (!e.TryGetProperty("labels", out var labels) || labels.ValueKind != JsonValueKind.Object)
            {
                error = $"{i}.labels in body is required";
                return result;
            }

            result.Add(new Alert
            {
                Labels = ReadLabels(labels),
                Annotations = e.TryGetProperty("annotations", out var ann) && ann.ValueKind == JsonValueKind.Object ? ReadLabels(ann) : default,
                StartsAt = ReadTime(e, "startsAt"),
                EndsAt = ReadTime(e, "endsAt"),
                GeneratorUrl = e.TryGetProperty("generatorURL", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString() ?? "" : "",
            });
            i++;
        }

        return result;
    }

    /// <summary>Reads a <c>postableSilence</c> body.</summary>
    public static Silence? ReadSilence(JsonElement e, out string? error)
    {
        error = null;
        foreach (var required in new[] { "comment", "createdBy", "endsAt", "matchers", "startsAt" })
        {
            if (!e.TryGetProperty(required, out _))
            {
                error = $"{required} in body is required";
                return null;
            }
        }

        var matchers = new List<Matcher>();
        foreach (var m in e.GetProperty("matchers").EnumerateArray())
        {
            var name = m.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
            var value = m.TryGetProperty("value", out var v) ? v.GetString() ?? "" : "";
            var isRegex = m.TryGetProperty("isRegex", out var r) && r.ValueKind == JsonValueKind.True;
            var isEqual = !m.TryGetProperty("isEqual", out var eq) || eq.ValueKind != JsonValueKind.False;
            var type = (isRegex, isEqual) switch
            {
                (true, true) => MatchType.Regex,
                (true, false) => MatchType.NotRegex,
                (false, true) => MatchType.Equal,
                _ => MatchType.NotEqual,
            };
            if (!Matcher.TryCreate(type, name, value, out var matcher, out var regexError))
            {
                error = $"invalid label matcher {matchers.Count}: invalid regular expression \"{value}\": {regexError.Message}";
                return null;
            }

            matchers.Add(matcher);
        }

        return new Silence
        {
            Id = e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() ?? "" : "",
            Comment = e.GetProperty("comment").GetString() ?? "",
            CreatedBy = e.GetProperty("createdBy").GetString() ?? "",
            StartsAt = ReadTime(e, "startsAt"),
            EndsAt = ReadTime(e, "endsAt"),
            Matchers = matchers,
        };
    }

    private static Labels ReadLabels(JsonElement obj) =>
        Labels.FromLabels(obj.EnumerateObject().Select(p => new Label(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText())));

    private static DateTimeOffset ReadTime(JsonElement e, string name) =>
        e.TryGetProperty(name, out var t) && t.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
        && value.Year > 1
            ? value
            : default;

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => e.ValueKind.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses the <c>filter</c> query parameters (each a matcher list).</summary>
    public static List<Matcher> ParseFilter(IEnumerable<string?> filters)
    {
        var result = new List<Matcher>();
        foreach (var f in filters)
        {
            if (!string.IsNullOrEmpty(f))
            {
                result.AddRange(MatcherParser.Parse(f));
            }
        }

        return result;
    }
}
