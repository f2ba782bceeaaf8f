using Pharos.Alertmanager.Config;

namespace Pharos.Alertmanager.Notify.Receivers;

/// <summary>Slack incoming webhooks (or <c>chat.postMessage</c>): one attachment rendered from the templates.</summary>
internal sealed class SlackNotifier(IntegrationConfig config, HttpClient client) : HttpNotifier(config, client)
{

    public override async Task NotifyAsync(NotifyContext context, CancellationToken cancellationToken)
    {
        var body = Payload(Config, context);
        var text = await Http.PostAsync(Http.Url("api_url"), body, cancellationToken).ConfigureAwait(false);

        // The Web API answers 200 with {"ok":false} on errors; webhooks answer "ok".
        if (text.StartsWith('{') && text.Contains("\"ok\":false", StringComparison.Ordinal))
        {
            throw new NotifyException("error response from Slack: " + text, retry: false);
        }
    }

    public static byte[] Payload(IntegrationConfig c, NotifyContext context)
    {
        string R(string field) => context.Render(c.Get(field));
        return JsonBody.Build(w =>
        {
            w.WriteStartObject();
            WriteIfNotEmpty(w, "channel", R("channel"));
            WriteIfNotEmpty(w, "username", R("username"));
            WriteIfNotEmpty(w, "icon_emoji", R("icon_emoji"));
            WriteIfNotEmpty(w, "icon_url", R("icon_url"));
            if (c.Fields.TryGetValue("link_names", out var ln) && ln is true)
            {
                w.WriteBoolean("link_names", true);
            }

            w.WriteStartArray("attachments");
            w.WriteStartObject();
            WriteIfNotEmpty(w, "title", JsonBody.Truncate(R("title"), 1024));
            WriteIfNotEmpty(w, "title_link", R("title_link"));
            WriteIfNotEmpty(w, "pretext", R("pretext"));
            w.WriteString("text", R("text"));
            w.WriteString("fallback", R("fallback"));
            w.WriteString("callback_id", R("callback_id"));
            if (c.Fields.TryGetValue("fields", out var fields) && fields is List<object?> { Count: > 0 })
            {
                w.WritePropertyName("fields");
                GoJson.WritePlain(w, fields, context.Render);
            }

            if (c.Fields.TryGetValue("actions", out var actions) && actions is List<object?> { Count: > 0 })
            {
                w.WritePropertyName("actions");
                GoJson.WritePlain(w, actions, context.Render);
            }

            WriteIfNotEmpty(w, "image_url", R("image_url"));
            WriteIfNotEmpty(w, "thumb_url", R("thumb_url"));
            w.WriteString("footer", R("footer"));
            WriteIfNotEmpty(w, "color", R("color"));
            w.WriteStartArray("mrkdwn_in");
            foreach (var m in c.Fields.TryGetValue("mrkdwn_in", out var md) && md is List<string> list && list.Count > 0 ? list : ["fallback", "pretext", "text"])
            {
                w.WriteStringValue(m);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteIfNotEmpty(System.Text.Json.Utf8JsonWriter w, string name, string value)
    {
        if (value.Length > 0)
        {
            w.WriteString(name, value);
        }
    }
}
