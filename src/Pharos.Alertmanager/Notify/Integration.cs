using Pharos.Alertmanager.Config;
using Pharos.Alertmanager.Notify.Receivers;

namespace Pharos.Alertmanager.Notify;

/// <summary>One configured integration of a receiver and the notifier that sends to it.</summary>
/// <param name="Key">The receiver name, type and index (the notification log key).</param>
/// <param name="Config">The configuration.</param>
/// <param name="Notifier">The sender.</param>
public sealed record Integration(ReceiverKey Key, IntegrationConfig Config, INotifier Notifier)
{
    /// <summary>Builds the integrations of every receiver.</summary>
    /// <param name="receivers">The configured receivers.</param>
    /// <param name="client">The HTTP client the notifiers share.</param>
    /// <returns>Receiver name to its integrations.</returns>
    public static Dictionary<string, IReadOnlyList<Integration>> Build(IEnumerable<ReceiverConfig> receivers, HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(receivers);
        var result = new Dictionary<string, IReadOnlyList<Integration>>(StringComparer.Ordinal);
        foreach (var receiver in receivers)
        {
            result[receiver.Name] = [.. receiver.Integrations.Select(c => new Integration(new ReceiverKey(receiver.Name, c.Type, c.Index), c, Create(c, client)))];
        }

        return result;
    }

    private static INotifier Create(IntegrationConfig c, HttpClient client) => c.Type switch
    {
        "webhook" => new WebhookNotifier(c, client),
        "slack" => new SlackNotifier(c, client),
        "pagerduty" => new PagerDutyNotifier(c, client),
        "msteams" => new MSTeamsNotifier(c, client),
        "discord" => new DiscordNotifier(c, client),
        "telegram" => new TelegramNotifier(c, client),
        "opsgenie" => new OpsgenieNotifier(c, client),
        "email" => new EmailNotifier(c),
        _ => new UnsupportedNotifier(c.Type),
    };

    private sealed class UnsupportedNotifier(string type) : INotifier
    {
        public Task NotifyAsync(NotifyContext context, CancellationToken cancellationToken) =>
            throw new NotifyException($"{type} notifications are not supported yet", retry: false);
    }
}
