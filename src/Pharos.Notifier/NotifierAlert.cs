using Pharos.Model;

namespace Pharos.Notifier;

/// <summary>An alert for Alertmanager's API v2 (upstream <c>notifier.Alert</c>).</summary>
/// <param name="Labels">The alert's labels; external labels are added when queued.</param>
/// <param name="Annotations">The annotations.</param>
/// <param name="StartsAt">When the alert started firing.</param>
/// <param name="EndsAt">When it resolved, or how long it is valid without a resend.</param>
/// <param name="GeneratorUrl">A link back to the expression that produced it.</param>
public sealed record NotifierAlert(Labels Labels, Labels Annotations, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string GeneratorUrl)
{
    /// <summary>The alert's name (<c>alertname</c> label).</summary>
    public string Name => Labels.Get("alertname");
}
