using Pharos.Alertmanager.Config;

namespace Pharos.Alertmanager.Notify.Receivers;

/// <summary>Discord webhook: one embed, red while firing and green when resolved.</summary>
internal sealed class DiscordNotifier(IntegrationConfig config, HttpClient client) : HttpNotifier(config, client)
{

    public override Task NotifyAsync(NotifyContext context, CancellationToken cancellationToken) =>
        PostToWebhookUrlAsync(Payload(Config, context), cancellationToken);

    public static byte[] Payload(IntegrationConfig c, NotifyContext context)
    {
        var status = context.Data.Status;
        return JsonBody.Build(w =>
        {
            w.WriteStartObject();
            if (context.Render(c.Get("content")) is { Length: > 0 } content)
            {
                w.WriteString("content", JsonBody.Truncate(content, 2000));
            }

            foreach (var f in new[] { "username", "avatar_url" })
            {
                if (context.Render(c.Get(f)) is { Length: > 0 } v)
                {
                    w.WriteString(f, v);
                }
            }

            w.WriteStartArray("embeds");
            w.WriteStartObject();
            w.WriteString("title", JsonBody.Truncate(context.Render(c.Get("title")), 256));
            w.WriteString("description", JsonBody.Truncate(context.Render(c.Get("message")), 4096));
            w.WriteNumber("color", status == "firing" ? 0x992D22 : status == "resolved" ? 0x2ECC71 : 0x95A5A6);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
