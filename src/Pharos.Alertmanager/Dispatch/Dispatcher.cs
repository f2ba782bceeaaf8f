using Pharos.Alertmanager.Alerts;
using Pharos.Alertmanager.Notify;
using Pharos.Alertmanager.Routing;
using Pharos.Model;

namespace Pharos.Alertmanager.Dispatch;

/// <summary>
/// Sorts alerts into aggregation groups (upstream <c>dispatch.Dispatcher</c>): each stored alert goes to every
/// route it matches, into the group of that route with the alert's values of the route's <c>group_by</c> labels.
/// Empty groups are removed by <see cref="Maintain"/>. Thread-safe.
/// </summary>
public sealed class Dispatcher : IDisposable
{
    private readonly Route _root;
    private readonly AlertStore _store;
    private readonly TimeProvider _time;
    private readonly Func<FlushContext, IReadOnlyList<Alert>, CancellationToken, Task<bool>> _notify;
    private readonly Dictionary<(Route, ulong), AggregationGroup> _groups = [];
    private readonly Lock _lock = new();
    private bool _stopped;

    /// <summary>Creates the dispatcher; call <see cref="Start"/> to receive alerts.</summary>
    /// <param name="root">The routing tree.</param>
    /// <param name="store">The alert store.</param>
    /// <param name="time">The clock.</param>
    /// <param name="notify">The notification pipeline.</param>
    public Dispatcher(Route root, AlertStore store, TimeProvider time, Func<FlushContext, IReadOnlyList<Alert>, CancellationToken, Task<bool>> notify)
    {
        _root = root;
        _store = store;
        _time = time;
        _notify = notify;
    }

    /// <summary>The routing tree.</summary>
    public Route Root => _root;

    /// <summary>The number of aggregation groups.</summary>
    public int GroupCount
    {
        get
        {
            lock (_lock)
            {
                return _groups.Count;
            }
        }
    }

    /// <summary>Subscribes to the store and dispatches the alerts it already holds.</summary>
    public void Start()
    {
        _store.Stored += Process;
        _store.Collected += OnCollected;
        foreach (var alert in _store.List())
        {
            Process(alert);
        }
    }

    /// <summary>Dispatches one alert.</summary>
    /// <param name="alert">The alert.</param>
    public void Process(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        foreach (var route in _root.Match(alert.Labels))
        {
            var labels = GroupLabels(alert.Labels, route);
            var key = (route, Alert.FingerprintOf(labels));
            AggregationGroup? group;
            lock (_lock)
            {
                if (_stopped)
                {
                    return;
                }

                if (!_groups.TryGetValue(key, out group))
                {
                    group = new AggregationGroup(route, labels, _time, _notify);
                    _groups[key] = group;
                }

                // Inserted under the lock so Maintain cannot remove the group in between.
                group.Insert(alert);
            }
        }
    }

    /// <summary>The current groups.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<AggregationGroup> Groups()
    {
        lock (_lock)
        {
            return [.. _groups.Values];
        }
    }

    /// <summary>Removes empty groups (upstream's periodic maintenance).</summary>
    public void Maintain()
    {
        List<AggregationGroup> empty;
        lock (_lock)
        {
            empty = [.. _groups.Where(g => g.Value.IsEmpty).Select(g => g.Value)];
            foreach (var (key, group) in _groups.Where(g => g.Value.IsEmpty).ToList())
            {
                _groups.Remove(key);
            }
        }

        empty.ForEach(g => g.Dispose());
    }

    /// <summary>Stops every group.</summary>
    public void Dispose()
    {
        _store.Stored -= Process;
        _store.Collected -= OnCollected;
        List<AggregationGroup> groups;
        lock (_lock)
        {
            _stopped = true;
            groups = [.. _groups.Values];
            _groups.Clear();
        }

        groups.ForEach(g => g.Dispose());
    }

    /// <summary>The group labels of an alert on a route: its values of the <c>group_by</c> labels, or all with <c>...</c>.</summary>
    /// <param name="labels">The alert's labels.</param>
    /// <param name="route">The route.</param>
    /// <returns>The group labels.</returns>
    public static Labels GroupLabels(Labels labels, Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (route.GroupByAll)
        {
            return labels;
        }

        var selected = new List<Label>();
        foreach (var name in route.GroupBy)
        {
            if (labels.Has(name))
            {
                selected.Add(new Label(name, labels.Get(name)));
            }
        }

        return Labels.FromLabels(selected);
    }

    private void OnCollected(IReadOnlyList<Alert> alerts)
    {
        foreach (var group in Groups())
        {
            foreach (var a in alerts)
            {
                group.Remove(a.Fingerprint);
            }
        }
    }
}
