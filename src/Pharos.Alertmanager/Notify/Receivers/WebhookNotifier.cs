using System.Text.Json;
using Pharos.Alertmanager.Alerts;
using Pharos.Alertmanager.Config;

namespace Pharos.Alertmanager.Notify.Receivers;

/// <summary>The generic webhook: posts upstream's version-4 JSON payload, truncated to <c>max_alerts</c>.</summary>
internal sealed class WebhookNotifier(IntegrationConfig config, HttpClient client) : HttpNotifier(config, client)
{

    public override async Task NotifyAsync(NotifyContext context, CancellationToken cancellationToken)
    {
        var body = Payload(context, Config.GetInt("max_alerts"));
        await Http.PostAsync(Http.Url("url"), body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The version-4 payload.</summary>
    public static byte[] Payload(NotifyContext context, long maxAlerts)
    {
        var alerts = context.Alerts;
        var truncated = maxAlerts > 0 && alerts.Count > maxAlerts ? alerts.Count - (int)maxAlerts : 0;
        var data = context.Data;
        return JsonBody.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("receiver", context.Receiver);
            w.WriteString("status", data.Status);
            w.WriteStartArray("alerts");
            foreach (var a in alerts.Take(alerts.Count - truncated))
            {
                WriteAlert(w, a, context.Now);
            }

            w.WriteEndArray();
            w.WritePropertyName("groupLabels");
            GoJson.WriteLabels(w, context.GroupLabels);
            WriteKv(w, "commonLabels", data.CommonLabels);
            WriteKv(w, "commonAnnotations", data.CommonAnnotations);
            w.WriteString("externalURL", context.ExternalUrl);
            w.WriteString("version", "4");
            w.WriteString("groupKey", context.GroupKey);
            w.WriteNumber("truncatedAlerts", truncated);
            w.WriteEndObject();
        });
    }

    private static void WriteAlert(Utf8JsonWriter w, Alert a, DateTimeOffset now)
    {
        w.WriteStartObject();
        w.WriteString("status", a.ResolvedAt(now) ? "resolved" : "firing");
        w.WritePropertyName("labels");
        GoJson.WriteLabels(w, a.Labels);
        w.WritePropertyName("annotations");
        GoJson.WriteLabels(w, a.Annotations);
        w.WriteString("startsAt", GoJson.Time(a.StartsAt));
        w.WriteString("endsAt", GoJson.Time(a.EndsAt));
        w.WriteString("generatorURL", a.GeneratorUrl);
        w.WriteString("fingerprint", Alert.FormatFingerprint(a.Fingerprint));
        w.WriteEndObject();
    }

    private static void WriteKv(Utf8JsonWriter w, string name, Templating.Alertmanager.KV kv)
    {
        w.WriteStartObject(name);
        foreach (var p in kv.SortedPairs())
        {
            w.WriteString(p.Name, p.Value);
        }

        w.WriteEndObject();
    }
}
