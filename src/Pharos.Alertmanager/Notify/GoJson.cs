using System.Globalization;
using System.Text.Json;
using Pharos.Model;

namespace Pharos.Alertmanager.Notify;

/// <summary>JSON writing in the shapes Go's <c>encoding/json</c> gives Alertmanager's types.</summary>
public static class GoJson
{
    /// <summary>Formats a time as Go's <c>time.Time</c> marshals it (RFC 3339 with trailing fraction zeros dropped).</summary>
    /// <param name="time">The time; the zero value prints as <c>0001-01-01T00:00:00Z</c>.</param>
    /// <returns>The text.</returns>
    public static string Time(DateTimeOffset time)
    {
        if (time == default)
        {
            return "0001-01-01T00:00:00Z";
        }

        var text = time.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return text + (time.Offset == TimeSpan.Zero ? "Z" : time.ToString("zzz", CultureInfo.InvariantCulture));
    }

    /// <summary>Writes a label set as a JSON object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="labels">The labels, written in name order.</param>
    public static void WriteLabels(Utf8JsonWriter writer, Labels labels)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        foreach (var l in labels)
        {
            writer.WriteString(l.Name, l.Value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes plain objects (strings, lists, ordered maps) from the configuration as JSON.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    /// <param name="render">Renders string leaves (templates); identity when null.</param>
    public static void WritePlain(Utf8JsonWriter writer, object? value, Func<string, string>? render = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(render is null ? s : render(s));
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                writer.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    writer.WritePropertyName(k);
                    WritePlain(writer, v, render);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable<object?> list:
                writer.WriteStartArray();
                foreach (var v in list)
                {
                    WritePlain(writer, v, render);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
