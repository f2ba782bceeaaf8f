using Pharos.Alertmanager.Config;

namespace Pharos.Alertmanager.Notify.Receivers;

/// <summary>Microsoft Teams incoming webhook: an Office 365 connector <c>MessageCard</c>.</summary>
internal sealed class MSTeamsNotifier(IntegrationConfig config, HttpClient client) : HttpNotifier(config, client)
{

    public override Task NotifyAsync(NotifyContext context, CancellationToken cancellationToken) =>
        PostToWebhookUrlAsync(Payload(Config, context), cancellationToken);

    public static byte[] Payload(IntegrationConfig c, NotifyContext context)
    {
        var status = context.Data.Status;
        return JsonBody.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("@context", "http://schema.org/extensions");
            w.WriteString("type", "MessageCard");
            w.WriteString("title", context.Render(c.Get("title")));
            w.WriteString("summary", context.Render(c.Get("summary")));
            w.WriteString("text", context.Render(c.Get("text")));
            w.WriteString("themeColor", status == "firing" ? "8C1A1A" : status == "resolved" ? "2DC72D" : "808080");
            w.WriteEndObject();
        });
    }
}
