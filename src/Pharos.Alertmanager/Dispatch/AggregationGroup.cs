using Pharos.Alertmanager.Alerts;
using Pharos.Alertmanager.Notify;
using Pharos.Alertmanager.Routing;
using Pharos.Model;

namespace Pharos.Alertmanager.Dispatch;

/// <summary>
/// The alerts of one route with the same group labels (upstream <c>aggrGroup</c>). Timers as upstream: the first
/// flush after <c>group_wait</c> (at once when an inserted alert started longer ago than that), then one every
/// <c>group_interval</c>; the notification pipeline decides whether a flush sends anything. Flushes never overlap.
/// </summary>
public sealed class AggregationGroup : IDisposable
{
    // Upstream gives a flush's retries at least this long.
    private static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(10);

    private readonly Dictionary<ulong, Alert> _alerts = [];
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Func<FlushContext, IReadOnlyList<Alert>, CancellationToken, Task<bool>> _notify;
    private readonly ITimer _timer;
    private readonly SemaphoreSlim _due = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private bool _hasFlushed;

    /// <summary>Creates the group and arms its first flush after <c>group_wait</c>.</summary>
    /// <param name="route">The route.</param>
    /// <param name="labels">The group labels.</param>
    /// <param name="time">The clock.</param>
    /// <param name="notify">The notification pipeline.</param>
    public AggregationGroup(Route route, Labels labels, TimeProvider time, Func<FlushContext, IReadOnlyList<Alert>, CancellationToken, Task<bool>> notify)
    {
        ArgumentNullException.ThrowIfNull(route);
        Route = route;
        Labels = labels;
        GroupKey = route.Key + ":" + labels.ToString();
        _time = time;
        _notify = notify;
        _timer = time.CreateTimer(_ => Signal(), null, route.GroupWait, Timeout.InfiniteTimeSpan);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The route.</summary>
    public Route Route { get; }

    /// <summary>The group labels.</summary>
    public Labels Labels { get; }

    /// <summary>The group key, <c>routeKey:{labels}</c>, as upstream's webhook payload carries it.</summary>
    public string GroupKey { get; }

    /// <summary>Whether the group holds no alerts.</summary>
    public bool IsEmpty
    {
        get
        {
            lock (_lock)
            {
                return _alerts.Count == 0;
            }
        }
    }

    /// <summary>Adds or replaces an alert.</summary>
    /// <param name="alert">The alert.</param>
    public void Insert(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        lock (_lock)
        {
            _alerts[alert.Fingerprint] = alert;

            // An alert that started more than group_wait ago need not wait for the first flush.
            if (!_hasFlushed && alert.StartsAt + Route.GroupWait < _time.GetUtcNow())
            {
                _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>A snapshot of the group's alerts.</summary>
    /// <returns>The alerts.</returns>
    public IReadOnlyList<Alert> Alerts()
    {
        lock (_lock)
        {
            return [.. _alerts.Values];
        }
    }

    /// <summary>Removes an alert (garbage collected from the store).</summary>
    /// <param name="fingerprint">The alert.</param>
    public void Remove(ulong fingerprint)
    {
        lock (_lock)
        {
            _alerts.Remove(fingerprint);
        }
    }

    /// <summary>Stops the timers; a running flush is canceled.</summary>
    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _timer.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with a cancellation.
        }

        _stop.Dispose();
        _due.Dispose();
    }

    /// <summary>Upstream's alert order within a notification: by <c>job</c>, then <c>instance</c>, then the label sets.</summary>
    /// <param name="a">One alert.</param>
    /// <param name="b">Another.</param>
    /// <returns>The comparison.</returns>
    public static int Compare(Alert a, Alert b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        foreach (var key in new[] { "job", "instance" })
        {
            var ai = a.Labels.Has(key);
            var bi = b.Labels.Has(key);
            if (!ai && !bi)
            {
                continue;
            }

            if (!ai || !bi)
            {
                return ai ? -1 : 1;
            }

            var c = string.CompareOrdinal(a.Labels.Get(key), b.Labels.Get(key));
            if (c != 0)
            {
                return c;
            }
        }

        return a.Labels.CompareTo(b.Labels);
    }

    private void Signal()
    {
        try
        {
            _due.Release();
        }
        catch (Exception e) when (e is SemaphoreFullException or ObjectDisposedException)
        {
            // A flush is already due, or the group stopped.
        }
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await _due.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var now = _time.GetUtcNow();
            lock (_lock)
            {
                _timer.Change(Route.GroupInterval, Timeout.InfiniteTimeSpan);
                _hasFlushed = true;
            }

            using var timeout = new CancellationTokenSource(Route.GroupInterval > MinTimeout ? Route.GroupInterval : MinTimeout, _time);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
            await FlushAsync(now, deadline.Token).ConfigureAwait(false);
        }
    }

    private async Task FlushAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<Alert> alerts;
        var resolved = new List<Alert>();
        lock (_lock)
        {
            if (_alerts.Count == 0)
            {
                return;
            }

            alerts = new List<Alert>(_alerts.Count);
            foreach (var a in _alerts.Values)
            {
                if (a.ResolvedAt(now))
                {
                    resolved.Add(a);
                    alerts.Add(a);
                }
                else
                {
                    // A firing alert is sent without its (future) end time so it cannot resolve on the way.
                    alerts.Add(a with { EndsAt = default });
                }
            }
        }

        alerts.Sort(Compare);
        var context = new FlushContext(Route.Receiver, GroupKey, Labels, Route.RepeatInterval, Route.MuteTimeIntervals, Route.ActiveTimeIntervals, now);
        bool ok;
        try
        {
            ok = await _notify(context, alerts, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ok = false;
        }

        if (!ok)
        {
            return;
        }

        // Resolved alerts were notified; drop them unless they fired again during the flush.
        lock (_lock)
        {
            foreach (var a in resolved)
            {
                if (_alerts.TryGetValue(a.Fingerprint, out var current) && current.UpdatedAt == a.UpdatedAt)
                {
                    _alerts.Remove(a.Fingerprint);
                }
            }
        }
    }
}
