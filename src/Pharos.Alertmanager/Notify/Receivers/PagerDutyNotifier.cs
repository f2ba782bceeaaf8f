using System.Security.Cryptography;
using System.Text;
using Pharos.Alertmanager.Config;

namespace Pharos.Alertmanager.Notify.Receivers;

/// <summary>PagerDuty Events API v2: trigger while any alert fires, resolve when all are resolved; dedup key is the group key's SHA-256.</summary>
internal sealed class PagerDutyNotifier(IntegrationConfig config, HttpClient client) : HttpNotifier(config, client)
{

    public override async Task NotifyAsync(NotifyContext context, CancellationToken cancellationToken)
    {
        var routingKey = Http.Secret("routing_key");
        if (routingKey.Length == 0)
        {
            routingKey = Http.Secret("service_key");
        }

        await Http.PostAsync(Config.Get("url"), Payload(Config, context, routingKey), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The SHA-256 of a group key in hex, upstream's <c>Key.Hash</c>.</summary>
    public static string Hash(string groupKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(groupKey)));

    public static byte[] Payload(IntegrationConfig c, NotifyContext context, string routingKey)
    {
        string R(string field) => context.Render(c.Get(field));
        var data = context.Data;
        var client = R("client");
        var source = c.Get("source").Length > 0 ? R("source") : client;
        return JsonBody.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("routing_key", routingKey);
            w.WriteString("dedup_key", Hash(context.GroupKey));
            w.WriteString("event_action", data.Status == "firing" ? "trigger" : "resolve");
            w.WriteStartObject("payload");
            w.WriteString("summary", JsonBody.Truncate(R("description"), 1024));
            w.WriteString("source", source);
            w.WriteString("severity", R("severity"));
            foreach (var f in new[] { "class", "component", "group" })
            {
                if (R(f) is { Length: > 0 } v)
                {
                    w.WriteString(f, v);
                }
            }

            w.WriteStartObject("custom_details");
            foreach (var (k, v) in c.GetMap("details"))
            {
                w.WriteString(k, context.Render(v));
            }

            w.WriteEndObject();
            w.WriteEndObject();
            if (client.Length > 0)
            {
                w.WriteString("client", client);
            }

            if (R("client_url") is { Length: > 0 } url)
            {
                w.WriteString("client_url", url);
            }

            foreach (var list in new[] { "images", "links" })
            {
                if (c.Fields.TryGetValue(list, out var v) && v is List<object?> { Count: > 0 })
                {
                    w.WritePropertyName(list);
                    GoJson.WritePlain(w, v, context.Render);
                }
            }

            w.WriteEndObject();
        });
    }
}
