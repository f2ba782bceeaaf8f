using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pharos.Alertmanager.Alerts;
using Pharos.Alertmanager.Config;
using Pharos.Alertmanager.Inhibit;
using Pharos.Alertmanager.Silences;
using Pharos.Alertmanager.Templates;

namespace Pharos.Alertmanager.Notify;

/// <summary>
/// What happens to a flushed aggregation group, as upstream's notification pipeline: drop inhibited alerts, stop
/// outside active or inside mute time intervals, drop silenced alerts, then for every integration of the receiver
/// in parallel: deduplicate against the notification log, send with retries and exponential backoff until the
/// deadline, and log what was sent. One slow integration never delays another.
/// </summary>
public sealed class NotificationPipeline
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<Integration>> _receivers;
    private readonly Inhibitor _inhibitor;
    private readonly SilenceStore _silences;
    private readonly AlertMarker _marker;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<TimeInterval>> _intervals;
    private readonly NotificationLog _log;
    private readonly NotificationTemplate _template;
    private readonly AlertmanagerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _externalUrl;

    /// <summary>Creates the pipeline for one configuration.</summary>
    /// <param name="receivers">The integrations by receiver name.</param>
    /// <param name="inhibitor">The inhibitor.</param>
    /// <param name="silences">The silences.</param>
    /// <param name="marker">Records silenced alerts.</param>
    /// <param name="intervals">Named time intervals.</param>
    /// <param name="log">The notification log.</param>
    /// <param name="template">The template set.</param>
    /// <param name="metrics">The metrics.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="externalUrl">The external URL for templates and payloads.</param>
    public NotificationPipeline(
        IReadOnlyDictionary<string, IReadOnlyList<Integration>> receivers,
        Inhibitor inhibitor,
        SilenceStore silences,
        AlertMarker marker,
        IReadOnlyDictionary<string, IReadOnlyList<TimeInterval>> intervals,
        NotificationLog log,
        NotificationTemplate template,
        AlertmanagerMetrics metrics,
        TimeProvider time,
        ILogger logger,
        string externalUrl)
    {
        _receivers = receivers;
        _inhibitor = inhibitor;
        _silences = silences;
        _marker = marker;
        _intervals = intervals;
        _log = log;
        _template = template;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _externalUrl = externalUrl.TrimEnd('/');
    }

    /// <summary>Runs the pipeline for one flush.</summary>
    /// <param name="flush">The group's identity and options.</param>
    /// <param name="alerts">The group's alerts (firing ones with a zero end time).</param>
    /// <param name="cancellationToken">The deadline for all retries.</param>
    /// <returns>True when every integration succeeded or had nothing to send.</returns>
    public async Task<bool> ExecAsync(FlushContext flush, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flush);
        ArgumentNullException.ThrowIfNull(alerts);
        var filtered = alerts.Where(a => !_inhibitor.Mutes(a.Labels)).ToList();
        if (filtered.Count == 0)
        {
            return true;
        }

        if (flush.ActiveTimeIntervals.Count > 0 && !InAny(flush.ActiveTimeIntervals, flush.Now))
        {
            return true;
        }

        if (flush.MuteTimeIntervals.Count > 0 && InAny(flush.MuteTimeIntervals, flush.Now))
        {
            return true;
        }

        filtered = filtered.Where(a =>
        {
            var ids = _silences.Mutes(a.Labels);
            _marker.SetSilenced(a.Fingerprint, ids);
            return ids.Count == 0;
        }).ToList();
        if (filtered.Count == 0 || !_receivers.TryGetValue(flush.Receiver, out var integrations))
        {
            return true;
        }

        var results = await Task.WhenAll(integrations.Select(i => NotifyIntegrationAsync(i, flush, filtered, cancellationToken))).ConfigureAwait(false);
        return results.All(r => r);
    }

    /// <summary>Whether a notification is due, as upstream's <c>DedupStage.needsUpdate</c>.</summary>
    /// <param name="entry">The last log entry, or null.</param>
    /// <param name="firing">Current firing hashes.</param>
    /// <param name="resolved">Current resolved hashes.</param>
    /// <param name="sendResolved">The integration's <c>send_resolved</c>.</param>
    /// <param name="repeatInterval">The route's repeat interval.</param>
    /// <param name="now">The flush time.</param>
    /// <returns>True when the integration must be notified.</returns>
    public static bool NeedsUpdate(NotificationLogEntry? entry, IReadOnlySet<ulong> firing, IReadOnlySet<ulong> resolved, bool sendResolved, TimeSpan repeatInterval, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(firing);
        ArgumentNullException.ThrowIfNull(resolved);
        if (entry is null)
        {
            return firing.Count > 0;
        }

        if (!entry.IsFiringSubset(firing))
        {
            return true;
        }

        // All resolved: notify (regardless of send_resolved) so the log forgets the firing alerts, unless the
        // receiver never heard of any of them.
        if (firing.Count == 0)
        {
            return entry.FiringAlerts.Count > 0;
        }

        if (sendResolved && !entry.IsResolvedSubset(resolved))
        {
            return true;
        }

        return entry.Timestamp <= now - repeatInterval;
    }

    private bool InAny(IReadOnlyList<string> names, DateTimeOffset now) =>
        names.Any(n => _intervals.TryGetValue(n, out var list) && list.Any(i => i.Contains(now)));

    private async Task<bool> NotifyIntegrationAsync(Integration integration, FlushContext flush, List<Alert> alerts, CancellationToken cancellationToken)
    {
        var firing = new HashSet<ulong>();
        var resolved = new HashSet<ulong>();
        foreach (var a in alerts)
        {
            (a.ResolvedAt(flush.Now) ? resolved : firing).Add(a.Fingerprint);
        }

        var entry = _log.Query(integration.Key, flush.GroupKey);
        if (!NeedsUpdate(entry, firing, resolved, integration.Config.SendResolved, flush.RepeatInterval, flush.Now))
        {
            return true;
        }

        var toSend = integration.Config.SendResolved ? alerts : alerts.Where(a => !a.ResolvedAt(flush.Now)).ToList();
        if (toSend.Count > 0 && !await RetryAsync(integration, flush, toSend, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        _log.Log(integration.Key, flush.GroupKey, firing, resolved);
        return true;
    }

    private async Task<bool> RetryAsync(Integration integration, FlushContext flush, List<Alert> alerts, CancellationToken cancellationToken)
    {
        var type = integration.Key.Integration;
        var context = new NotifyContext
        {
            Receiver = flush.Receiver,
            GroupKey = flush.GroupKey,
            GroupLabels = flush.GroupLabels,
            Alerts = alerts,
            Now = flush.Now,
            Template = _template,
            ExternalUrl = _externalUrl,
        };

        // Upstream's backoff: 500 ms growing 1.5x up to 60 s, until the flush deadline.
        var delay = TimeSpan.FromMilliseconds(500);
        var started = Stopwatch.GetTimestamp();
        _metrics.Notifications.WithLabels(type).Inc();
        for (var attempt = 1; ; attempt++)
        {
            _metrics.NotificationRequests.WithLabels(type).Inc();
            try
            {
                await integration.Notifier.NotifyAsync(context, cancellationToken).ConfigureAwait(false);
                _metrics.NotificationLatency.WithLabels(type).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
                return true;
            }
            catch (Exception e) when (e is NotifyException or Templating.TemplateException or OperationCanceledException or HttpRequestException)
            {
                _metrics.NotificationRequestsFailed.WithLabels(type).Inc();
                var retry = e is NotifyException { Retry: true } or HttpRequestException;
                if (!retry || cancellationToken.IsCancellationRequested)
                {
                    _metrics.NotificationsFailed.WithLabels(type).Inc();
                    _logger.LogError("Notify for alerts failed {receiver} {integration} {attempts} {err}", flush.Receiver, $"{type}[{integration.Key.Index}]", attempt, e.Message);
                    return false;
                }

                _logger.LogWarning("Notify attempt failed, will retry later {receiver} {integration} {attempts} {err}", flush.Receiver, $"{type}[{integration.Key.Index}]", attempt, e.Message);
            }

            try
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _metrics.NotificationsFailed.WithLabels(type).Inc();
                _logger.LogError("Notify for alerts failed {receiver} {integration} {attempts} {err}", flush.Receiver, $"{type}[{integration.Key.Index}]", attempt, "notify retry canceled");
                return false;
            }

            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 60_000));
        }
    }
}

/// <summary>The identity and options of one aggregation group flush.</summary>
/// <param name="Receiver">The route's receiver.</param>
/// <param name="GroupKey">The group key.</param>
/// <param name="GroupLabels">The group labels.</param>
/// <param name="RepeatInterval">The route's repeat interval.</param>
/// <param name="MuteTimeIntervals">The route's mute time intervals.</param>
/// <param name="ActiveTimeIntervals">The route's active time intervals.</param>
/// <param name="Now">The flush time.</param>
public sealed record FlushContext(
    string Receiver,
    string GroupKey,
    Model.Labels GroupLabels,
    TimeSpan RepeatInterval,
    IReadOnlyList<string> MuteTimeIntervals,
    IReadOnlyList<string> ActiveTimeIntervals,
    DateTimeOffset Now);
