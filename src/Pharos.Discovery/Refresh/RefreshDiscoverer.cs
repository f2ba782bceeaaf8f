using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Pharos.Discovery.Refresh;

/// <summary>
/// A discoverer that polls, as upstream's <c>refresh.Discovery</c>: it refreshes at start and then every interval,
/// sends the result of every successful refresh, and on a failed one logs, counts
/// <c>prometheus_sd_refresh_failures_total</c> and sends nothing, so the previous groups stay.
/// </summary>
internal sealed partial class RefreshDiscoverer(
    string mechanism,
    TimeSpan interval,
    Func<CancellationToken, Task<IReadOnlyList<DiscoveredTargetGroup>>> refresh,
    DiscovererOptions options) : IDiscoverer
{
    private readonly ILogger _logger = options.LoggerFactory.CreateLogger("Pharos.Discovery.Refresh");

    public async Task RunAsync(ChannelWriter<IReadOnlyList<DiscoveredTargetGroup>> updates, CancellationToken cancellationToken)
    {
        try
        {
            await RefreshOnceAsync(updates, cancellationToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(interval, options.TimeProvider);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await RefreshOnceAsync(updates, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task RefreshOnceAsync(ChannelWriter<IReadOnlyList<DiscoveredTargetGroup>> updates, CancellationToken cancellationToken)
    {
        IReadOnlyList<DiscoveredTargetGroup> groups;
        try
        {
            groups = await refresh(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            options.Metrics.RefreshFailures.WithLabels(mechanism, options.SetName).Inc();
            LogRefreshFailed(_logger, mechanism, e.Message);
            return;
        }

        await updates.WriteAsync(groups, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unable to refresh target groups ({Mechanism}): {Error}")]
    private static partial void LogRefreshFailed(ILogger logger, string mechanism, string error);
}
