using Pharos.Model;

namespace Pharos.Alertmanager.Alerts;

/// <summary>
/// The in-memory alert store (upstream <c>provider/mem</c>): alerts by fingerprint, merged on update, resolved
/// ones removed by <see cref="CollectGarbage"/>. Every stored alert is passed to the subscriber (the dispatcher)
/// after the store's lock is released. Thread-safe.
/// </summary>
public sealed class AlertStore
{
    private readonly Dictionary<ulong, Alert> _alerts = [];
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;

    /// <summary>Creates an empty store.</summary>
    /// <param name="time">The clock.</param>
    public AlertStore(TimeProvider time) => _time = time;

    /// <summary>Called with each alert as stored (merged).</summary>
    public event Action<Alert>? Stored;

    /// <summary>Called with the alerts removed by garbage collection.</summary>
    public event Action<IReadOnlyList<Alert>>? Collected;

    /// <summary>The number of alerts held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _alerts.Count;
            }
        }
    }

    /// <summary>Stores alerts, merging each with the stored version when their activity ranges overlap.</summary>
    /// <param name="alerts">The alerts.</param>
    public void Put(IEnumerable<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var stored = new List<Alert>();
        lock (_lock)
        {
            foreach (var incoming in alerts)
            {
                var alert = incoming;
                var fp = alert.Fingerprint;
                if (_alerts.TryGetValue(fp, out var old)
                    && ((alert.EndsAt > old.StartsAt && alert.EndsAt < old.EndsAt) || (alert.StartsAt > old.StartsAt && alert.StartsAt < old.EndsAt)))
                {
                    alert = old.Merge(alert);
                }

                _alerts[fp] = alert;
                stored.Add(alert);
            }
        }

        foreach (var alert in stored)
        {
            Stored?.Invoke(alert);
        }
    }

    /// <summary>The stored alert with <paramref name="fingerprint"/>.</summary>
    /// <param name="fingerprint">The fingerprint.</param>
    /// <param name="alert">The alert.</param>
    /// <returns>True when found.</returns>
    public bool TryGet(ulong fingerprint, out Alert? alert)
    {
        lock (_lock)
        {
            return _alerts.TryGetValue(fingerprint, out alert);
        }
    }

    /// <summary>A snapshot of every stored alert.</summary>
    /// <returns>The alerts.</returns>
    public IReadOnlyList<Alert> List()
    {
        lock (_lock)
        {
            return [.. _alerts.Values];
        }
    }

    /// <summary>Removes alerts resolved at the current time.</summary>
    /// <returns>The removed alerts.</returns>
    public IReadOnlyList<Alert> CollectGarbage()
    {
        var now = _time.GetUtcNow();
        var removed = new List<Alert>();
        lock (_lock)
        {
            foreach (var (fp, alert) in _alerts)
            {
                if (alert.ResolvedAt(now))
                {
                    removed.Add(alert);
                }
            }

            foreach (var alert in removed)
            {
                _alerts.Remove(alert.Fingerprint);
            }
        }

        if (removed.Count > 0)
        {
            Collected?.Invoke(removed);
        }

        return removed;
    }

    /// <summary>Counts alerts by state (<c>active</c>, <c>suppressed</c>, <c>unprocessed</c>) for <c>alertmanager_alerts</c>.</summary>
    /// <param name="state">Maps an alert to its state name.</param>
    /// <returns>State name to count.</returns>
    public Dictionary<string, int> CountByState(Func<Alert, string> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var now = _time.GetUtcNow();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["active"] = 0, ["suppressed"] = 0, ["unprocessed"] = 0 };
        foreach (var alert in List())
        {
            if (!alert.ResolvedAt(now))
            {
                var s = state(alert);
                counts[s] = counts.GetValueOrDefault(s) + 1;
            }
        }

        return counts;
    }

    /// <summary>Whether any stored alert has exactly <paramref name="labels"/>.</summary>
    /// <param name="labels">The labels.</param>
    /// <returns>True when present.</returns>
    public bool Contains(Labels labels) => TryGet(Alert.FingerprintOf(labels), out _);
}
