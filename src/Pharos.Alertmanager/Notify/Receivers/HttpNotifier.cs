using Pharos.Alertmanager.Config;

namespace Pharos.Alertmanager.Notify.Receivers;

/// <summary>An integration that posts to an HTTP endpoint: its configuration and the sender it posts with.</summary>
internal abstract class HttpNotifier : INotifier
{
    protected HttpNotifier(IntegrationConfig config, HttpClient client)
    {
        Config = config;
        Http = new HttpSender(client, config);
    }

    protected IntegrationConfig Config { get; }

    protected HttpSender Http { get; }

    public abstract Task NotifyAsync(NotifyContext context, CancellationToken cancellationToken);

    /// <summary>Posts a body to the integration's <c>webhook_url</c> (or <c>webhook_url_file</c>).</summary>
    protected Task PostToWebhookUrlAsync(byte[] body, CancellationToken cancellationToken) =>
        Http.PostAsync(Http.Url("webhook_url"), body, cancellationToken);
}
