using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Pharos.Model;

namespace Pharos.Notifier;

/// <summary>Writes a batch of alerts as Alertmanager API v2 <c>postableAlerts</c> JSON.</summary>
internal static class AlertsPayload
{
    public static byte[] Write(IReadOnlyList<NotifierAlert> alerts)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * Math.Max(1, alerts.Count));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var a in alerts)
            {
                w.WriteStartObject();
                WriteMap(w, "labels", a.Labels);
                WriteMap(w, "annotations", a.Annotations);
                if (a.StartsAt != default)
                {
                    w.WriteString("startsAt", Format(a.StartsAt));
                }

                if (a.EndsAt != default)
                {
                    w.WriteString("endsAt", Format(a.EndsAt));
                }

                if (a.GeneratorUrl.Length > 0)
                {
                    w.WriteString("generatorURL", a.GeneratorUrl);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    // RFC 3339 in UTC with milliseconds, which Alertmanager's strfmt.DateTime parses.
    internal static string Format(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteMap(Utf8JsonWriter w, string name, Labels labels)
    {
        w.WriteStartObject(name);
        foreach (var l in labels)
        {
            w.WriteString(l.Name, l.Value);
        }

        w.WriteEndObject();
    }
}
