using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Pharos.Client;
using Pharos.Config.Discovery;
using Pharos.Discovery.Static;

namespace Pharos.Discovery;

/// <summary>
/// Runs the discovery mechanisms of a configuration and publishes the merged target groups per set (scrape job or
/// Alertmanager configuration), as upstream's <c>discovery.Manager</c>: identical configurations share one
/// provider, unchanged ones keep running across <see cref="ApplyConfig"/>, and snapshots are sent at most once per
/// <see cref="DiscoveryManagerOptions.UpdateInterval"/> and only when something changed. Thread-safe.
/// </summary>
public sealed partial class DiscoveryManager : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly DiscoveryManagerOptions _options;
    private readonly DiscovererRegistry _registry;
    private readonly DiscoveryMetrics _metrics;
    private readonly ILoggerFactory _loggerFactory;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<IReadOnlyDictionary<string, IReadOnlyList<DiscoveredTargetGroup>>> _updates;

    // Guarded by _lock.
    private readonly List<Provider> _providers = [];
    private readonly Dictionary<(string SetName, string Provider), Dictionary<string, DiscoveredTargetGroup>> _targets = [];
    private readonly HashSet<string> _setNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removedSets = new(StringComparer.Ordinal);
    private Dictionary<string, IReadOnlyList<DiscoveredTargetGroup>>? _lastSent;
    private bool _triggerSend;
    private int _providerCount;

    /// <summary>Creates a manager; providers start with the first <see cref="ApplyConfig"/>, snapshots flow once <see cref="RunAsync"/> runs.</summary>
    /// <param name="loggerFactory">For the manager's and the discoverers' logs.</param>
    /// <param name="timeProvider">The clock for the update interval and the refresh intervals.</param>
    /// <param name="options">Name, update interval, mechanisms and paths.</param>
    /// <param name="metrics">Where the <c>prometheus_sd_*</c> metrics go; not exported when null.</param>
    public DiscoveryManager(ILoggerFactory loggerFactory, TimeProvider timeProvider, DiscoveryManagerOptions options, MetricRegistry? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _logger = loggerFactory.CreateLogger("Pharos.Discovery." + options.Name);
        _timeProvider = timeProvider;
        _options = options;
        _registry = options.Registry ?? DiscovererRegistry.Default;
        _metrics = DiscoveryMetrics.For(metrics);
        _loggerFactory = loggerFactory;

        // One slot, the newest snapshot wins: a slow consumer skips intermediate states instead of seeing them late.
        _updates = Channel.CreateBounded<IReadOnlyDictionary<string, IReadOnlyList<DiscoveredTargetGroup>>>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true },
            _ => _metrics.DelayedUpdates.WithLabels(_options.Name).Inc());
        _metrics.FailedConfigs.WithLabels(options.Name).Set(0);
    }

    /// <summary>
    /// Full snapshots: every configured set with all its groups (an empty list for a set with no targets or one
    /// just removed from the configuration). Holds only the newest unread snapshot.
    /// </summary>
    public ChannelReader<IReadOnlyDictionary<string, IReadOnlyList<DiscoveredTargetGroup>>> Updates => _updates.Reader;

    /// <summary>The providers currently running, by name (<c>static/0</c>, <c>file/1</c>, …) with the sets they feed; for diagnostics.</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> Providers
    {
        get
        {
            lock (_lock)
            {
                return _providers.ToDictionary(p => p.Name, p => (IReadOnlyCollection<string>)[.. p.Subs], StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The merged groups now, without waiting for the next snapshot.</summary>
    /// <returns>Every configured set with its groups.</returns>
    public IReadOnlyDictionary<string, IReadOnlyList<DiscoveredTargetGroup>> CurrentTargets()
    {
        lock (_lock)
        {
            return BuildSnapshot(includeRemoved: false);
        }
    }

    /// <summary>
    /// Sends snapshots until <paramref name="cancellationToken"/> is cancelled or the manager is disposed, then stops
    /// every provider. Call once.
    /// </summary>
    /// <param name="cancellationToken">Stops the manager.</param>
    /// <returns>A task completing when stopped.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        using var timer = new PeriodicTimer(_options.UpdateInterval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(linked.Token).ConfigureAwait(false))
            {
                SendIfChanged();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }
        finally
        {
            await StopAllAsync().ConfigureAwait(false);
            _updates.Writer.TryComplete();
        }
    }

    /// <summary>
    /// Replaces the configuration: <paramref name="config"/> maps each set name (job name, or the Alertmanager
    /// configuration's key) to its discovery configurations. Providers whose configuration is unchanged keep running
    /// and keep their targets; new ones start; unused ones stop, and their targets are dropped.
    /// </summary>
    /// <param name="config">The sets.</param>
    public void ApplyConfig(IReadOnlyDictionary<string, IReadOnlyList<IServiceDiscoveryConfig>> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var stopped = new List<Provider>();
        lock (_lock)
        {
            foreach (var p in _providers)
            {
                p.NewSubs.Clear();
            }

            var failed = 0;
            foreach (var (setName, configs) in config)
            {
                failed += RegisterProviders(setName, configs);
            }

            _metrics.FailedConfigs.WithLabels(_options.Name).Set(failed);

            for (var i = _providers.Count - 1; i >= 0; i--)
            {
                var p = _providers[i];
                if (p.NewSubs.Count == 0)
                {
                    // Not referenced any more: stop it and forget what it found.
                    foreach (var sub in p.Subs)
                    {
                        _targets.Remove((sub, p.Name));
                    }

                    _providers.RemoveAt(i);
                    stopped.Add(p);
                    continue;
                }

                if (p.Started)
                {
                    UpdateRunningSubs(p);
                }
                else
                {
                    p.Subs.UnionWith(p.NewSubs);
                }
            }

            foreach (var setName in _setNames)
            {
                if (!config.ContainsKey(setName))
                {
                    _removedSets.Add(setName);
                    _metrics.DiscoveredTargets.Remove(setName, _options.Name);
                }
            }

            _setNames.Clear();
            _setNames.UnionWith(config.Keys);
            _removedSets.ExceptWith(_setNames);
            _triggerSend = true;

            foreach (var p in _providers)
            {
                if (!p.Started)
                {
                    Start(p);
                }
            }
        }

        foreach (var p in stopped)
        {
            p.Stop();
        }
    }

    /// <summary>Stops every provider and the snapshot loop.</summary>
    /// <returns>A task completing when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await StopAllAsync().ConfigureAwait(false);
        _updates.Writer.TryComplete();
        _stopping.Dispose();
    }

    private void UpdateRunningSubs(Provider p)
    {
        // A running provider keeps its targets: sets that stopped using it lose them, sets that started using it get a copy.
        Dictionary<string, DiscoveredTargetGroup>? reference = null;
        foreach (var sub in p.Subs)
        {
            if (_targets.TryGetValue((sub, p.Name), out var groups))
            {
                reference = groups;
            }

            if (!p.NewSubs.Contains(sub))
            {
                _targets.Remove((sub, p.Name));
            }
        }

        foreach (var sub in p.NewSubs)
        {
            if (!p.Subs.Contains(sub) && reference is not null)
            {
                _targets[(sub, p.Name)] = new Dictionary<string, DiscoveredTargetGroup>(reference, StringComparer.Ordinal);
            }
        }

        p.Subs.Clear();
        p.Subs.UnionWith(p.NewSubs);
    }

    private async Task StopAllAsync()
    {
        List<Provider> all;
        lock (_lock)
        {
            all = [.. _providers];
            _providers.Clear();
        }

        foreach (var p in all)
        {
            p.Stop();
        }

        await Task.WhenAll(all.Select(p => p.Completion)).ConfigureAwait(false);
    }

    private int RegisterProviders(string setName, IReadOnlyList<IServiceDiscoveryConfig> configs)
    {
        var failed = 0;
        var added = 0;
        var statics = configs.OfType<StaticConfig>().ToList();
        var all = configs.Where(c => c is not StaticConfig).ToList();
        if (statics.Count > 0 || configs.Count == 0)
        {
            // A set without any configuration still gets one empty group, so consumers see the set and drop old targets.
            all.Insert(0, new StaticGroupsConfig(statics.Count > 0 ? statics : [new StaticConfig()]));
        }

        foreach (var config in all)
        {
            var existing = _providers.Find(p => ConfigEquality.AreEqual(p.Config, config));
            if (existing is not null)
            {
                existing.NewSubs.Add(setName);
                added++;
                continue;
            }

            if (!_registry.TryGet(config, out var factory))
            {
                LogUnknownMechanism(_logger, config.Key, setName);
                failed++;
                continue;
            }

            IDiscoverer discoverer;
            try
            {
                discoverer = factory.Create(config, new DiscovererOptions(_loggerFactory, _timeProvider, _metrics, _options, setName));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A missing CA file, an unsupported option: this configuration fails, the others still run.
                LogCannotCreate(_logger, e, config.Key, setName);
                failed++;
                continue;
            }

            var name = MechanismName(config.Key) + "/" + _providerCount.ToString(CultureInfo.InvariantCulture);
            _providerCount++;
            var provider = new Provider(name, config, discoverer);
            provider.NewSubs.Add(setName);
            _providers.Add(provider);
            added++;
        }

        return failed;
    }

    private static string MechanismName(string yamlKey)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["_sd_configs", "_configs"])
        {
            if (yamlKey.EndsWith(suffix, StringComparison.Ordinal))
            {
                return yamlKey[..^suffix.Length];
            }
        }

        return yamlKey;
    }

    private void Start(Provider p)
    {
        if (p.Discoverer is StaticDiscovererFactory.StaticDiscoverer known)
        {
            // Stored now, so the snapshot after a reload never shows a static job without its targets.
            StoreGroups(p, known.Groups);
            p.Started = true;
            return;
        }

        var channel = Channel.CreateUnbounded<IReadOnlyList<DiscoveredTargetGroup>>(new UnboundedChannelOptions { SingleReader = true });
        var token = p.Cancellation.Token;
        var run = Task.Run(async () =>
        {
            try
            {
                await p.Discoverer.RunAsync(channel.Writer, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogDiscovererFailed(_logger, e, p.Name);
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }, CancellationToken.None);
        var read = Task.Run(async () =>
        {
            try
            {
                await foreach (var groups in channel.Reader.ReadAllAsync(token).ConfigureAwait(false))
                {
                    UpdateGroups(p, groups);
                }
            }
            catch (OperationCanceledException)
            {
                // Provider stopped.
            }
        }, CancellationToken.None);
        p.Completion = Task.WhenAll(run, read);
        p.Started = true;
        LogStarted(_logger, p.Name, string.Join(",", p.Subs));
    }

    private void UpdateGroups(Provider p, IReadOnlyList<DiscoveredTargetGroup> groups)
    {
        _metrics.ReceivedUpdates.WithLabels(_options.Name).Inc();
        lock (_lock)
        {
            if (p.Cancellation.IsCancellationRequested)
            {
                return;
            }

            StoreGroups(p, groups);
        }
    }

    private void StoreGroups(Provider p, IReadOnlyList<DiscoveredTargetGroup> groups)
    {
        foreach (var sub in p.Subs)
        {
            if (!_targets.TryGetValue((sub, p.Name), out var bySource))
            {
                bySource = new Dictionary<string, DiscoveredTargetGroup>(StringComparer.Ordinal);
                _targets[(sub, p.Name)] = bySource;
            }

            foreach (var g in groups)
            {
                // An empty group is kept, not deleted, as upstream: it still overwrites the source's previous targets.
                bySource[g.Source] = g;
            }
        }

        _triggerSend = true;
    }

    private void SendIfChanged()
    {
        Dictionary<string, IReadOnlyList<DiscoveredTargetGroup>> snapshot;
        lock (_lock)
        {
            if (!_triggerSend)
            {
                return;
            }

            _triggerSend = false;
            snapshot = BuildSnapshot(includeRemoved: true);
            _removedSets.Clear();
            foreach (var (setName, groups) in snapshot)
            {
                if (_setNames.Contains(setName))
                {
                    _metrics.DiscoveredTargets.WithLabels(setName, _options.Name).Set(groups.Sum(g => g.Targets.Count));
                }
            }

            if (_lastSent is not null && SnapshotsEqual(_lastSent, snapshot))
            {
                return;
            }

            _lastSent = snapshot;
        }

        _updates.Writer.TryWrite(snapshot);
        _metrics.SentUpdates.WithLabels(_options.Name).Inc();
    }

    private Dictionary<string, IReadOnlyList<DiscoveredTargetGroup>> BuildSnapshot(bool includeRemoved)
    {
        var result = new Dictionary<string, IReadOnlyList<DiscoveredTargetGroup>>(StringComparer.Ordinal);
        foreach (var setName in _setNames)
        {
            var groups = new List<DiscoveredTargetGroup>();
            foreach (var p in _providers.Where(p => p.Subs.Contains(setName)).OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                if (_targets.TryGetValue((setName, p.Name), out var bySource))
                {
                    groups.AddRange(bySource.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value));
                }
            }

            result[setName] = groups;
        }

        if (includeRemoved)
        {
            foreach (var setName in _removedSets)
            {
                result[setName] = [];
            }
        }

        return result;
    }

    private static bool SnapshotsEqual(Dictionary<string, IReadOnlyList<DiscoveredTargetGroup>> a, Dictionary<string, IReadOnlyList<DiscoveredTargetGroup>> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (setName, groupsA) in a)
        {
            if (!b.TryGetValue(setName, out var groupsB) || groupsA.Count != groupsB.Count)
            {
                return false;
            }

            for (var i = 0; i < groupsA.Count; i++)
            {
                if (!GroupsEqual(groupsA[i], groupsB[i]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool GroupsEqual(DiscoveredTargetGroup a, DiscoveredTargetGroup b) =>
        ReferenceEquals(a, b) ||
        (a.Source == b.Source && a.Labels == b.Labels && a.Targets.SequenceEqual(b.Targets));

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot create service discovery: no mechanism registered for {Key} in {SetName}")]
    private static partial void LogUnknownMechanism(ILogger logger, string key, string setName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot create service discovery for {Key} in {SetName}")]
    private static partial void LogCannotCreate(ILogger logger, Exception e, string key, string setName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discoverer {Provider} failed")]
    private static partial void LogDiscovererFailed(ILogger logger, Exception e, string provider);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Starting provider {Provider} for {Subs}")]
    private static partial void LogStarted(ILogger logger, string provider, string subs);

    private sealed class Provider(string name, IServiceDiscoveryConfig config, IDiscoverer discoverer)
    {
        public string Name { get; } = name;

        public IServiceDiscoveryConfig Config { get; } = config;

        public IDiscoverer Discoverer { get; } = discoverer;

        public HashSet<string> Subs { get; } = new(StringComparer.Ordinal);

        public HashSet<string> NewSubs { get; } = new(StringComparer.Ordinal);

        public CancellationTokenSource Cancellation { get; } = new();

        public bool Started { get; set; }

        public Task Completion { get; set; } = Task.CompletedTask;

        public void Stop()
        {
            if (!Cancellation.IsCancellationRequested)
            {
                Cancellation.Cancel();
            }
        }
    }
}
