using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Pharos.Discovery;
using Pharos.Model;
using Pharos.Model.Relabel;
using Pharos.Storage;

namespace Pharos.Scrape;

/// <summary>
/// The targets of one job and a loop per target, as upstream's <c>scrapePool</c>: a sync turns discovered groups into
/// targets (target relabeling, dropped targets kept up to <c>keep_dropped_targets</c>), starts loops for new targets,
/// stops loops whose target went away (they write staleness markers) and applies <c>target_limit</c>. Thread-safe.
/// </summary>
internal sealed partial class ScrapePool : IAsyncDisposable
{
    private readonly IAppendable _appendable;
    private readonly TimeProvider _time;
    private readonly ScrapeMetrics _metrics;
    private readonly ILogger _log;
    private readonly ulong _offsetSeed;
    private readonly CancellationToken _shutdown;
    private readonly bool _startLoops;
    private readonly Lock _lock = new();
    private readonly List<Task> _stopping = [];
    private Dictionary<ulong, ScrapeLoop> _loops = [];
    private List<DroppedTarget> _dropped = [];
    private int _droppedCount;
    private ScrapeJob _job;

    public ScrapePool(ScrapeJob job, IAppendable appendable, TimeProvider time, ScrapeMetrics metrics, ILogger log, ulong offsetSeed, bool startLoops, CancellationToken shutdown)
    {
        _job = job;
        _appendable = appendable;
        _time = time;
        _metrics = metrics;
        _log = log;
        _offsetSeed = offsetSeed;
        _startLoops = startLoops;
        _shutdown = shutdown;
    }

    public string Name => _job.JobName;

    public ScrapeJob Job
    {
        get
        {
            lock (_lock)
            {
                return _job;
            }
        }
    }

    /// <summary>The number of targets relabeling dropped in the last sync (all of them, not only those kept).</summary>
    public int DroppedCount
    {
        get
        {
            lock (_lock)
            {
                return _droppedCount;
            }
        }
    }

    /// <summary>Replaces the pool's targets with those of <paramref name="groups"/>.</summary>
    public void Sync(IReadOnlyList<DiscoveredTargetGroup> groups)
    {
        var started = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            var job = _job;
            var settings = job.TargetSettings;
            var keep = job.Config.KeepDroppedTargets;
            var builder = new LabelsBuilder();
            var targets = new Dictionary<ulong, ScrapeTarget>();
            var dropped = new List<DroppedTarget>();
            var droppedCount = 0;
            foreach (var group in groups)
            {
                foreach (var targetLabels in group.Targets)
                {
                    var labels = TargetLabels.Populate(builder, settings, targetLabels, group.Labels, out var error);
                    if (error is not null)
                    {
                        LogInvalidTarget(_log, Name, error);
                        continue;
                    }

                    if (labels.IsEmpty)
                    {
                        droppedCount++;
                        if (keep == 0 || (ulong)dropped.Count < keep)
                        {
                            dropped.Add(new DroppedTarget(Name, TargetLabels.PopulateDiscovered(builder, settings, targetLabels, group.Labels)));
                        }

                        continue;
                    }

                    var discovered = TargetLabels.PopulateDiscovered(builder, settings, targetLabels, group.Labels);
                    ScrapeTarget target;
                    try
                    {
                        target = new ScrapeTarget(Name, discovered, labels, job.Config.Params);
                    }
                    catch (UriFormatException ex)
                    {
                        LogInvalidTarget(_log, Name, ex.Message);
                        continue;
                    }

                    targets.TryAdd(target.Hash, target);
                }
            }

            _dropped = dropped;
            _droppedCount = droppedCount;
            var loops = new Dictionary<ulong, ScrapeLoop>(targets.Count);
            foreach (var (hash, target) in targets)
            {
                if (_loops.Remove(hash, out var existing))
                {
                    loops[hash] = existing;
                }
                else
                {
                    var loop = NewLoop(target, job, cache: null);
                    loops[hash] = loop;
                    if (_startLoops)
                    {
                        loop.Start();
                    }
                }
            }

            // What is left belongs to targets that went away: their loops mark their series stale.
            foreach (var gone in _loops.Values)
            {
                Track(StopLoopAsync(gone, endOfRunStaleness: true));
            }

            _loops = loops;
            ApplyTargetLimit();
            _metrics.PoolTargets.WithLabels(Name).Set(loops.Count);
        }

        _metrics.PoolSyncs.WithLabels(Name).Inc();
        _metrics.SyncLength.WithLabels(Name).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>
    /// Switches to a changed configuration: every loop is stopped without staleness markers and replaced by one with
    /// the new settings that keeps the old loop's cache, as upstream's <c>reload</c>.
    /// </summary>
    public void Reload(ScrapeJob job)
    {
        lock (_lock)
        {
            var old = _job;
            _job = job;
            var loops = new Dictionary<ulong, ScrapeLoop>(_loops.Count);
            foreach (var (hash, oldLoop) in _loops)
            {
                // The target (and its last scrape's state) stays; the next sync recomputes targets with the new rules.
                var loop = NewLoop(oldLoop.Target, job, oldLoop.Cache);
                loops[hash] = loop;
                // The cache is single-user: the new loop starts once the old one has finished its scrape.
                Track(RestartAfterAsync(oldLoop, loop));
            }

            _loops = loops;
            ApplyTargetLimit();
            Track(DisposeJobAfterAsync(old, [.. _stopping]));
        }
    }

    /// <summary>Stops every loop; with <paramref name="endOfRunStaleness"/> their series are marked stale later.</summary>
    public async Task StopAsync(bool endOfRunStaleness)
    {
        List<Task> tasks;
        lock (_lock)
        {
            tasks = [.. _stopping];
            foreach (var loop in _loops.Values)
            {
                tasks.Add(StopLoopAsync(loop, endOfRunStaleness));
            }

            _loops = [];
            _metrics.PoolTargets.WithLabels(Name).Set(0);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(endOfRunStaleness: false).ConfigureAwait(false);
        List<ScrapeLoop> loops;
        lock (_lock)
        {
            loops = [.. _loops.Values];
        }

        foreach (var loop in loops)
        {
            await loop.DisposeAsync().ConfigureAwait(false);
        }

        Job.Dispose();
    }

    /// <summary>The pool's loops; for the manager's snapshots and for tests that drive scrapes by hand.</summary>
    public List<ScrapeLoop> Loops()
    {
        lock (_lock)
        {
            return [.. _loops.Values];
        }
    }

    public List<DroppedTarget> Dropped()
    {
        lock (_lock)
        {
            return _dropped;
        }
    }

    /// <summary>Waits for loops that are stopping (reloads, removed targets) to finish, staleness markers included.</summary>
    internal Task StoppingAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll([.. _stopping]);
        }
    }

    private static async Task StopLoopAsync(ScrapeLoop loop, bool endOfRunStaleness)
    {
        await loop.StopAsync(endOfRunStaleness).ConfigureAwait(false);
        await loop.Completion.ConfigureAwait(false);
    }

    // Remembers background work so shutdown and tests can wait for it; finished tasks are pruned as new ones arrive.
    private void Track(Task task)
    {
        _stopping.RemoveAll(t => t.IsCompleted);
        _stopping.Add(task);
    }

    private ScrapeLoop NewLoop(ScrapeTarget target, ScrapeJob job, ScrapeCache? cache) =>
        new(target, job, _appendable, _time, _metrics, _log, cache, _offsetSeed, _shutdown);

    private async Task RestartAfterAsync(ScrapeLoop oldLoop, ScrapeLoop newLoop)
    {
        await oldLoop.StopAsync(endOfRunStaleness: false).ConfigureAwait(false);
        await oldLoop.Completion.ConfigureAwait(false);
        if (_startLoops && !_shutdown.IsCancellationRequested)
        {
            newLoop.Start();
        }
    }

    private static async Task DisposeJobAfterAsync(ScrapeJob job, Task[] pending)
    {
        await Task.WhenAll(pending).ConfigureAwait(false);
        job.Dispose();
    }

    // Upstream: too many targets fail every scrape of the pool with the same error until the count drops.
    private void ApplyTargetLimit()
    {
        var limit = _job.Config.TargetLimit;
        string? error = null;
        if (limit > 0 && (ulong)_loops.Count > limit)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"target_limit exceeded (number of targets: {_loops.Count}, limit: {limit})");
            _metrics.ExceededTargetLimit.Inc();
        }

        foreach (var loop in _loops.Values)
        {
            loop.ForcedError = error;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Creating target failed in scrape pool {Pool}: {Error}")]
    private static partial void LogInvalidTarget(ILogger logger, string pool, string error);
}
