using System.Text;
using Microsoft.Extensions.Logging;
using Pharos.Client;
using Pharos.Config;
using Pharos.Discovery;
using Pharos.Model;
using Pharos.Storage;

namespace Pharos.Scrape;

/// <summary>
/// Scrapes the targets of every job of the configuration into an <see cref="IAppendable"/>, as upstream's
/// <c>scrape.Manager</c>: one pool per <c>scrape_configs</c> job, fed by service discovery through
/// <see cref="UpdateTargets"/>, and the target state behind <c>/api/v1/targets</c> and the metadata APIs.
/// </summary>
/// <remarks>
/// Thread-safe. Scraping runs on background tasks from the first <see cref="UpdateTargets"/> after
/// <see cref="ApplyConfig"/>; <see cref="DisposeAsync"/> stops everything without writing staleness markers (a
/// restarted server continues the series).
/// </remarks>
public sealed partial class ScrapeManager : IAsyncDisposable
{
    private readonly IAppendable _appendable;
    private readonly ScrapeManagerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ScrapeMetrics _metrics;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ScrapePool> _pools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _fingerprints = new(StringComparer.Ordinal);
    private readonly List<Task> _stopping = [];
    private IReadOnlyDictionary<string, IReadOnlyList<DiscoveredTargetGroup>> _targetSets =
        new Dictionary<string, IReadOnlyList<DiscoveredTargetGroup>>(StringComparer.Ordinal);
    private ulong _offsetSeed;
    private bool _disposed;

    /// <summary>Creates a manager with no jobs; call <see cref="ApplyConfig"/> next.</summary>
    /// <param name="appendable">Where samples go.</param>
    /// <param name="options">Process-level settings.</param>
    /// <param name="time">The clock for scrape timestamps, intervals and timeouts.</param>
    /// <param name="logs">Loggers for scrape failures and invalid targets.</param>
    /// <param name="metrics">The registry for the <c>prometheus_target_*</c> self-metrics; a private one when null.</param>
    public ScrapeManager(IAppendable appendable, ScrapeManagerOptions options, TimeProvider time, ILoggerFactory logs, MetricRegistry? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(appendable);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logs);
        _appendable = appendable;
        _options = options;
        _time = time;
        _log = logs.CreateLogger("Pharos.Scrape");
        _metrics = new ScrapeMetrics(metrics ?? new MetricRegistry(time));
        _offsetSeed = options.OffsetSeed ?? Seed(options.Hostname, Labels.Empty);
    }

    /// <summary>Whether loops start scraping on their own; tests switch this off and drive scrapes by hand.</summary>
    internal bool StartLoops { get; init; } = true;

    /// <summary>
    /// Applies the scrape configurations of <paramref name="config"/> (those of <c>scrape_config_files</c> included):
    /// pools of removed jobs stop and mark their series stale, pools whose job changed restart their loops with the
    /// new settings (keeping their caches), unchanged pools are left alone, and new jobs get a pool.
    /// </summary>
    /// <param name="config">The loaded configuration.</param>
    /// <exception cref="ConfigException">A scrape config file is invalid; nothing was changed.</exception>
    public void ApplyConfig(PrometheusConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var scrapeConfigs = ConfigLoader.GetScrapeConfigs(config);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _offsetSeed = _options.OffsetSeed ?? Seed(_options.Hostname, config.Global.ExternalLabels);
            var wanted = new Dictionary<string, ScrapeConfig>(StringComparer.Ordinal);
            foreach (var sc in scrapeConfigs)
            {
                wanted[sc.JobName] = sc;
            }

            foreach (var name in _pools.Keys.ToList())
            {
                if (!wanted.ContainsKey(name))
                {
                    _pools.Remove(name, out var removed);
                    _fingerprints.Remove(name);
                    Track(StopPoolAsync(removed!));
                }
            }

            foreach (var (name, sc) in wanted)
            {
                var fingerprint = Fingerprint(sc);
                if (_pools.TryGetValue(name, out var pool))
                {
                    if (_fingerprints[name] == fingerprint)
                    {
                        continue;
                    }

                    _metrics.PoolReloads.Inc();
                    try
                    {
                        pool.Reload(new ScrapeJob(sc, _time, _options.UserAgent));
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or UriFormatException)
                    {
                        _metrics.PoolReloadsFailed.Inc();
                        LogPoolFailed(_log, name, ex);
                        continue;
                    }
                }
                else
                {
                    _metrics.PoolsTotal.Inc();
                    try
                    {
                        pool = new ScrapePool(new ScrapeJob(sc, _time, _options.UserAgent), _appendable, _time, _metrics, _log, _offsetSeed, StartLoops, _shutdown.Token);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or UriFormatException)
                    {
                        _metrics.PoolsFailed.Inc();
                        LogPoolFailed(_log, name, ex);
                        continue;
                    }

                    _pools[name] = pool;
                    if (_targetSets.TryGetValue(name, out var groups))
                    {
                        pool.Sync(groups);
                    }
                }

                _fingerprints[name] = fingerprint;
            }
        }
    }

    /// <summary>
    /// Replaces the discovered targets: each set (named after its job) is synced into that job's pool. Sets of
    /// unknown jobs are kept until a configuration names them; pools without a set keep their targets.
    /// </summary>
    /// <param name="groupsBySet">The complete current discovery result, by job name.</param>
    public void UpdateTargets(IReadOnlyDictionary<string, IReadOnlyList<DiscoveredTargetGroup>> groupsBySet)
    {
        ArgumentNullException.ThrowIfNull(groupsBySet);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _targetSets = groupsBySet;
            foreach (var (name, groups) in groupsBySet)
            {
                if (_pools.TryGetValue(name, out var pool))
                {
                    pool.Sync(groups);
                }
            }
        }
    }

    /// <summary>The names of the scrape pools (jobs), sorted, as <c>/api/v1/scrape_pools</c>.</summary>
    /// <returns>The pool names.</returns>
    public IReadOnlyList<string> ScrapePools()
    {
        lock (_lock)
        {
            return [.. _pools.Keys.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>A snapshot of every active target, by pool then target labels.</summary>
    /// <returns>The targets.</returns>
    public IReadOnlyList<ScrapeTargetState> ActiveTargets()
    {
        var result = new List<ScrapeTargetState>();
        foreach (var pool in PoolsSnapshot())
        {
            foreach (var loop in pool.Loops())
            {
                result.Add(loop.Target.Snapshot(_options.Hostname));
            }
        }

        result.Sort(static (a, b) =>
        {
            var byPool = string.CompareOrdinal(a.ScrapePool, b.ScrapePool);
            return byPool != 0 ? byPool : a.Labels.CompareTo(b.Labels);
        });
        return result;
    }

    /// <summary>The targets relabeling dropped in the last sync, at most <c>keep_dropped_targets</c> per pool.</summary>
    /// <returns>The dropped targets, by pool.</returns>
    public IReadOnlyList<DroppedTarget> DroppedTargets()
    {
        var result = new List<DroppedTarget>();
        foreach (var pool in PoolsSnapshot())
        {
            result.AddRange(pool.Dropped());
        }

        return result;
    }

    /// <summary>How many targets relabeling dropped per pool, kept or not (the API's <c>droppedTargetCounts</c>).</summary>
    /// <returns>Counts by pool name.</returns>
    public IReadOnlyDictionary<string, int> DroppedTargetCounts() =>
        PoolsSnapshot().ToDictionary(p => p.Name, p => p.DroppedCount, StringComparer.Ordinal);

    /// <summary>
    /// The metadata the active targets exposed, per target and metric family, as <c>/api/v1/targets/metadata</c>
    /// lists it (group by <see cref="TargetMetadata.Metric"/> for <c>/api/v1/metadata</c>).
    /// </summary>
    /// <param name="matchTarget">Keeps targets whose labels it accepts; all targets when null.</param>
    /// <param name="metric">Only this metric family; all when null or empty.</param>
    /// <returns>The metadata, lazily enumerated over a snapshot of the targets.</returns>
    public IEnumerable<TargetMetadata> Metadata(Func<Labels, bool>? matchTarget = null, string? metric = null)
    {
        foreach (var pool in PoolsSnapshot())
        {
            foreach (var loop in pool.Loops())
            {
                var target = loop.Target;
                if (matchTarget is not null && !matchTarget(target.Labels))
                {
                    continue;
                }

                if (!string.IsNullOrEmpty(metric))
                {
                    if (loop.Cache.TryGetMetadata(metric, out var md))
                    {
                        yield return new TargetMetadata(pool.Name, target.Labels, metric, md.Type, md.Help, md.Unit);
                    }

                    continue;
                }

                foreach (var (name, md) in loop.Cache.SnapshotMetadata())
                {
                    yield return new TargetMetadata(pool.Name, target.Labels, name, md.Type, md.Help, md.Unit);
                }
            }
        }
    }

    /// <summary>Stops every pool without staleness markers and waits for running scrapes to end.</summary>
    /// <returns>A task that completes when everything stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        List<ScrapePool> pools;
        Task[] stopping;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            pools = [.. _pools.Values];
            _pools.Clear();
            stopping = [.. _stopping];
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        foreach (var pool in pools)
        {
            await pool.DisposeAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(stopping).ConfigureAwait(false);
        _shutdown.Dispose();
    }

    /// <summary>The pools, for tests that drive scrapes by hand.</summary>
    internal List<ScrapePool> PoolsSnapshot()
    {
        lock (_lock)
        {
            return [.. _pools.Values];
        }
    }

    /// <summary>Waits for background work (removed pools and targets, reloads) to finish, staleness markers included.</summary>
    internal async Task StoppingAsync()
    {
        Task[] stopping;
        lock (_lock)
        {
            stopping = [.. _stopping];
        }

        await Task.WhenAll(stopping).ConfigureAwait(false);
        foreach (var pool in PoolsSnapshot())
        {
            await pool.StoppingAsync().ConfigureAwait(false);
        }
    }

    private static async Task StopPoolAsync(ScrapePool pool)
    {
        await pool.StopAsync(endOfRunStaleness: true).ConfigureAwait(false);
        await pool.DisposeAsync().ConfigureAwait(false);
    }

    private void Track(Task task)
    {
        _stopping.RemoveAll(t => t.IsCompleted);
        _stopping.Add(task);
    }

    // As upstream: the seed mixes the external labels and the host name, so two replicas scraping the same targets
    // (same labels) do not scrape at the same instant.
    private static ulong Seed(string hostname, Labels externalLabels) =>
        XxHash64.Hash(Encoding.UTF8.GetBytes(hostname)) ^ externalLabels.Hash();

    // Two jobs are equal when their printed form and their secrets are, since the printer redacts secrets.
    private static string Fingerprint(ScrapeConfig sc)
    {
        var sb = new StringBuilder(ConfigWriter.Write(new PrometheusConfig { ScrapeConfigs = [sc] }));
        var http = sc.HttpClientConfig;
        sb.Append('\0').Append(http.BasicAuth?.Password).Append('\0').Append(http.Authorization?.Credentials)
            .Append('\0').Append(http.OAuth2?.ClientSecret);
        foreach (var (name, header) in http.HttpHeaders)
        {
            sb.Append('\0').Append(name).Append('=').AppendJoin(',', header.Secrets);
        }

        return sb.ToString();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Creating or reloading scrape pool {Pool} failed")]
    private static partial void LogPoolFailed(ILogger logger, string pool, Exception exception);
}
