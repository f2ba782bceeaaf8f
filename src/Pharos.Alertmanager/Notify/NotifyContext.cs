using Pharos.Alertmanager.Templates;
using Pharos.Model;
using Pharos.Templating.Alertmanager;
using Alert = Pharos.Alertmanager.Alerts.Alert;

namespace Pharos.Alertmanager.Notify;

/// <summary>What a notifier needs for one notification. Immutable.</summary>
public sealed record NotifyContext
{
    /// <summary>The receiver name.</summary>
    public required string Receiver { get; init; }

    /// <summary>The aggregation group's key.</summary>
    public required string GroupKey { get; init; }

    /// <summary>The group's labels.</summary>
    public required Labels GroupLabels { get; init; }

    /// <summary>The alerts to send (resolved ones dropped unless <c>send_resolved</c>).</summary>
    public required IReadOnlyList<Alert> Alerts { get; init; }

    /// <summary>The flush time; alerts resolved at this instant count as resolved.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The template set.</summary>
    public required NotificationTemplate Template { get; init; }

    /// <summary>The external URL without trailing slash.</summary>
    public required string ExternalUrl { get; init; }

    /// <summary>The template data of this notification.</summary>
    public NotificationData Data => NotificationTemplate.Data(Receiver, GroupLabels, Alerts, ExternalUrl, GroupKey, Now);

    /// <summary>Renders a text field with the notification's data.</summary>
    /// <param name="text">The template text.</param>
    /// <returns>The output.</returns>
    public string Render(string text) => Template.Execute(text, Data);
}
