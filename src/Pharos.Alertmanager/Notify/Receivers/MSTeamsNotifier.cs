using Pharos.Alertmanager.Config;

namespace Pharos.Alertmanager.Notify.Receivers;

/// <summary>Microsoft Teams incoming webhook: an Office 365 connector <c>MessageCard</c>.</summary>
internal sealed class MSTeamsNotifier : INotifier
{
    private readonly IntegrationConfig _config;
    private readonly HttpSender _http;

    public MSTeamsNotifier(IntegrationConfig config, HttpClient client)
    {
        _config = config;
        _http = new HttpSender(client, config);
    }

    public Task NotifyAsync(NotifyContext context, CancellationToken cancellationToken) =>
        _http.PostAsync(_http.Url("webhook_url"), Payload(_config, context), cancellationToken);

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
