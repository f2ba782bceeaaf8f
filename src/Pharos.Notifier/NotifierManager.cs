using System.Diagnostics;
using System.Net.Http.Headers;
using Pharos.Config;
using Pharos.Model;
using Pharos.Model.Relabel;

namespace Pharos.Notifier;

/// <summary>
/// Queues alerts and sends them in batches to every discovered Alertmanager over API v2 (upstream
/// <c>notifier.Manager</c>). External labels and <c>alert_relabel_configs</c> apply when alerts are queued; each
/// Alertmanager set's own <c>alert_relabel_configs</c> when they are sent. When the queue is full the oldest alerts are
/// dropped and counted. Thread-safe.
/// </summary>
public sealed class NotifierManager : IAsyncDisposable
{
    private readonly NotifierOptions _options;
    private readonly NotifierMetrics? _metrics;
    private readonly Lock _lock = new();
    private readonly LinkedList<NotifierAlert> _queue = new();
    private readonly SemaphoreSlim _more = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private List<AlertmanagerSet> _sets = [];
    private IReadOnlyList<RelabelConfig> _relabel = [];
    private Labels _externalLabels;
    private IReadOnlyDictionary<string, IReadOnlyList<Labels>> _targets = new Dictionary<string, IReadOnlyList<Labels>>();
    private bool _disposed;

    /// <summary>Creates the manager and starts its send loop; nothing is sent until Alertmanagers are known.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    public NotifierManager(NotifierOptions? options = null)
    {
        _options = options ?? new NotifierOptions();
        if (_options.Registry is { } registry)
        {
            _metrics = new NotifierMetrics(registry, () => QueueLength, _options.QueueCapacity, () => Active().Count);
        }

        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>The number of alerts waiting to be sent.</summary>
    public int QueueLength
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>
    /// Applies the <c>alerting</c> section: one Alertmanager set per <c>alertmanagers</c> entry, named
    /// <c>config-0</c>, <c>config-1</c>, … as the keys of <see cref="UpdateAlertmanagers"/>.
    /// </summary>
    /// <param name="alerting">The section.</param>
    /// <param name="externalLabels">Labels added to every alert that does not have them.</param>
    public void ApplyConfig(AlertingConfig alerting, Labels externalLabels)
    {
        ArgumentNullException.ThrowIfNull(alerting);
        var sets = new List<AlertmanagerSet>(alerting.Alertmanagers.Count);
        for (var i = 0; i < alerting.Alertmanagers.Count; i++)
        {
            var cfg = alerting.Alertmanagers[i];
            sets.Add(new AlertmanagerSet($"config-{i}", cfg, AlertmanagerHttpClient.Create(cfg, _options.HandlerFactory)));
        }

        List<AlertmanagerSet> old;
        lock (_lock)
        {
            old = _sets;
            _sets = sets;
            _relabel = alerting.AlertRelabelConfigs;
            _externalLabels = externalLabels;
            foreach (var s in sets)
            {
                s.Update(_targets.TryGetValue(s.Name, out var t) ? t : []);
            }
        }

        foreach (var s in old)
        {
            s.Client.Dispose();
        }
    }

    /// <summary>
    /// Sets the discovered Alertmanagers: per set name (<c>config-N</c>), the targets as label sets with
    /// <c>__address__</c> and any discovery meta labels (target group labels already merged in).
    /// </summary>
    /// <param name="targets">The discovery output by set name.</param>
    public void UpdateAlertmanagers(IReadOnlyDictionary<string, IReadOnlyList<Labels>> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        lock (_lock)
        {
            _targets = targets;
            foreach (var s in _sets)
            {
                s.Update(targets.TryGetValue(s.Name, out var t) ? t : []);
            }
        }

        Signal();
    }

    /// <summary>Queues alerts for sending (upstream <c>Manager.Send</c>); never blocks on the network.</summary>
    /// <param name="alerts">The alerts.</param>
    public void Send(IReadOnlyList<NotifierAlert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        lock (_lock)
        {
            var relabeled = new List<NotifierAlert>(alerts.Count);
            foreach (var a in alerts)
            {
                if (Relabel(WithExternalLabels(a), _relabel) is { } r)
                {
                    relabeled.Add(r);
                }
            }

            // A batch larger than the queue keeps only its newest alerts; then the oldest queued ones make room.
            var skip = Math.Max(0, relabeled.Count - _options.QueueCapacity);
            var overflow = _queue.Count + relabeled.Count - skip - _options.QueueCapacity;
            for (var i = 0; i < overflow; i++)
            {
                _queue.RemoveFirst();
            }

            var dropped = skip + Math.Max(0, overflow);
            if (dropped > 0)
            {
                _metrics?.Dropped.Inc(dropped);
            }

            for (var i = skip; i < relabeled.Count; i++)
            {
                _queue.AddLast(relabeled[i]);
            }
        }

        Signal();
    }

    /// <summary>The Alertmanagers alerts are sent to, for <c>/api/v1/alertmanagers</c>.</summary>
    /// <returns>The active endpoints.</returns>
    public IReadOnlyList<AlertmanagerEndpoint> Active()
    {
        lock (_lock)
        {
            return _sets.SelectMany(s => s.Active).ToList();
        }
    }

    /// <summary>The Alertmanagers dropped by relabeling, for <c>/api/v1/alertmanagers</c>.</summary>
    /// <returns>The dropped endpoints.</returns>
    public IReadOnlyList<AlertmanagerEndpoint> Dropped()
    {
        lock (_lock)
        {
            return _sets.SelectMany(s => s.Dropped).ToList();
        }
    }

    /// <summary>Stops the send loop; with <see cref="NotifierOptions.DrainOnShutdown"/>, sends what is queued first.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        if (_options.DrainOnShutdown)
        {
            while (QueueLength > 0 && Active().Count > 0)
            {
                await SendBatchAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        foreach (var s in _sets)
        {
            s.Client.Dispose();
        }

        _stop.Dispose();
        _more.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await _more.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // Send until the queue is empty; a batch per round, as upstream.
            while (!ct.IsCancellationRequested && QueueLength > 0 && Active().Count > 0)
            {
                await SendBatchAsync(ct).ConfigureAwait(false);
            }
        }
    }

    private void Signal()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            if (_more.CurrentCount == 0)
            {
                _more.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another thread signalled first; one pending wake-up is enough.
        }
    }

    private async Task SendBatchAsync(CancellationToken ct)
    {
        List<NotifierAlert> batch;
        List<AlertmanagerSet> sets;
        lock (_lock)
        {
            batch = new List<NotifierAlert>(Math.Min(_queue.Count, _options.MaxBatchSize));
            while (batch.Count < _options.MaxBatchSize && _queue.First is { } first)
            {
                batch.Add(first.Value);
                _queue.RemoveFirst();
            }

            sets = _sets;
        }

        if (batch.Count == 0)
        {
            return;
        }

        var sends = new List<Task<bool>>();
        foreach (var set in sets)
        {
            var alerts = batch;
            if (set.Config.AlertRelabelConfigs.Count > 0)
            {
                alerts = batch.Select(a => Relabel(a, set.Config.AlertRelabelConfigs)).OfType<NotifierAlert>().ToList();
            }

            if (alerts.Count == 0)
            {
                continue;
            }

            var payload = AlertsPayload.Write(alerts);
            foreach (var am in set.Active)
            {
                sends.Add(PostAsync(set, am, payload, alerts.Count, ct));
            }
        }

        var results = await Task.WhenAll(sends).ConfigureAwait(false);
        if (!results.Any(ok => ok))
        {
            _metrics?.Dropped.Inc(batch.Count);
        }
    }

    private async Task<bool> PostAsync(AlertmanagerSet set, AlertmanagerEndpoint am, byte[] payload, int count, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(set.Config.Timeout);
        try
        {
            using var content = new ByteArrayContent(payload);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await set.Client.PostAsync(am.Url, content, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"bad response status {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            _metrics?.Errors.WithLabels(am.Url).Inc(count);
            _options.OnSendError?.Invoke(am, ex);
            return false;
        }
        finally
        {
            _metrics?.Sent.WithLabels(am.Url).Inc(count);
            _metrics?.Latency.WithLabels(am.Url).Observe(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
    }

    private NotifierAlert WithExternalLabels(NotifierAlert a)
    {
        if (_externalLabels.IsEmpty)
        {
            return a;
        }

        // External labels never override an alert's own labels.
        var b = new LabelsBuilder(a.Labels);
        foreach (var l in _externalLabels)
        {
            if (!a.Labels.Has(l.Name))
            {
                b.Set(l.Name, l.Value);
            }
        }

        return a with { Labels = b.ToLabels() };
    }

    private static NotifierAlert? Relabel(NotifierAlert a, IReadOnlyList<RelabelConfig> configs)
    {
        if (configs.Count == 0)
        {
            return a;
        }

        return Relabeler.Process(a.Labels, configs, out var result) && !result.IsEmpty ? a with { Labels = result } : null;
    }
}
