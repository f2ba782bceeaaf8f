namespace Pharos.Alertmanager.Notify;

/// <summary>Sends one notification to one integration (a webhook, a Slack channel, …).</summary>
public interface INotifier
{
    /// <summary>Sends the notification.</summary>
    /// <param name="context">The group, its alerts and the rendering data.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>A task that completes when the receiver accepted the notification.</returns>
    /// <exception cref="NotifyException">The attempt failed; <see cref="NotifyException.Retry"/> says whether retrying may help.</exception>
    Task NotifyAsync(NotifyContext context, CancellationToken cancellationToken);
}
