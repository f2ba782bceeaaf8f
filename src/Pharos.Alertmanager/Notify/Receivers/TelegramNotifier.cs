using System.Globalization;
using Pharos.Alertmanager.Config;

namespace Pharos.Alertmanager.Notify.Receivers;

/// <summary>Telegram Bot API <c>sendMessage</c>.</summary>
internal sealed class TelegramNotifier(IntegrationConfig config, HttpClient client) : HttpNotifier(config, client)
{

    public override async Task NotifyAsync(NotifyContext context, CancellationToken cancellationToken)
    {
        var url = $"{Config.Get("api_url").TrimEnd('/')}/bot{Http.Secret("bot_token")}/sendMessage";
        var text = await Http.PostAsync(url, Payload(Config, context), cancellationToken).ConfigureAwait(false);
        if (!text.Contains("\"ok\":true", StringComparison.Ordinal))
        {
            throw new NotifyException("telegram: " + text, retry: false);
        }
    }

    public static byte[] Payload(IntegrationConfig c, NotifyContext context)
    {
        var message = context.Render(c.Get("message"));
        return JsonBody.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("chat_id", c.GetInt("chat_id").ToString(CultureInfo.InvariantCulture));
            w.WriteString("text", JsonBody.Truncate(message, 4096));
            if (c.Get("parse_mode") is { Length: > 0 } mode)
            {
                w.WriteString("parse_mode", mode);
            }

            if (c.GetInt("message_thread_id") is > 0 and var thread)
            {
                w.WriteString("message_thread_id", thread.ToString(CultureInfo.InvariantCulture));
            }

            w.WriteString("disable_notification", c.Fields.TryGetValue("disable_notifications", out var d) && d is true ? "true" : "false");
            w.WriteEndObject();
        });
    }
}
