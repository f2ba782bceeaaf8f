using System.Runtime.CompilerServices;
using Pharos.Config;
using Pharos.Model;
using Pharos.Rules.Files;
using Pharos.Templating.Prometheus;

namespace Pharos.Rules;

/// <summary>
/// Loads rule files and runs their groups (upstream <c>rules.Manager</c>). Thread-safe: <see cref="ApplyRuleFiles"/>
/// may be called on every reload; <see cref="Groups"/> and <see cref="Alerts"/> from API threads at any time.
/// </summary>
public sealed class RuleManager : IAsyncDisposable
{
    private readonly RuleManagerOptions _options;
    private readonly RuleMetrics? _metrics;
    private readonly SemaphoreSlim _applyLock = new(1, 1);
    private readonly Lock _groupsLock = new();
    private List<RuleGroup> _groups = [];
    private bool _restored;
    private bool _disposed;

    /// <summary>Creates a manager; no group runs until <see cref="ApplyRuleFiles"/>.</summary>
    /// <param name="options">The queries, storage, notifier and settings.</param>
    public RuleManager(RuleManagerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _metrics = options.Registry is { } registry ? new RuleMetrics(registry) : null;
    }

    /// <summary>
    /// Loads <paramref name="files"/> and replaces the running groups (upstream <c>Manager.Update</c>). Unchanged groups
    /// keep running with their state; changed groups take over the alerts and series of the group they replace;
    /// removed groups stop and mark their series stale. On any error nothing changes and the old groups keep running.
    /// The first successful call restores <c>for</c> state from storage.
    /// </summary>
    /// <param name="files">Rule file paths or glob patterns (already resolved against the config file's directory).</param>
    /// <param name="evaluationInterval">The global <c>evaluation_interval</c>, for groups without their own.</param>
    /// <param name="externalLabels">The server's external labels, for templates.</param>
    /// <param name="externalUrl">The server's external URL, for templates and generator URLs.</param>
    /// <exception cref="RuleFileException">A file cannot be read or is invalid; errors carry file and line.</exception>
    public void ApplyRuleFiles(IReadOnlyList<string> files, TimeSpan evaluationInterval, Labels externalLabels, string externalUrl)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var loaded = LoadGroups(files, evaluationInterval, externalLabels, externalUrl);
        _applyLock.Wait();
        try
        {
            List<RuleGroup> old;
            lock (_groupsLock)
            {
                old = _groups;
            }

            var oldByKey = new Dictionary<string, RuleGroup>(StringComparer.Ordinal);
            foreach (var g in old)
            {
                oldByKey[g.Key] = g;
            }

            var result = new List<RuleGroup>(loaded.Count);
            var toStart = new List<RuleGroup>();
            foreach (var g in loaded)
            {
                if (oldByKey.Remove(g.Key, out var previous))
                {
                    if (previous.SameDefinition(g))
                    {
                        result.Add(previous);
                        continue;
                    }

                    previous.StopAsync().GetAwaiter().GetResult();
                    g.CopyState(previous);
                    _metrics?.GroupRemoved(previous);
                }

                result.Add(g);
                toStart.Add(g);
            }

            // Groups no longer configured stop and their series go stale at once.
            foreach (var removed in oldByKey.Values)
            {
                removed.StopAsync().GetAwaiter().GetResult();
                removed.MarkAllStale(_options.TimeProvider.GetUtcNow());
                _metrics?.GroupRemoved(removed);
            }

            var restore = !_restored && _options.Queryable is not null;
            foreach (var g in toStart)
            {
                _metrics?.GroupAdded(g);
                g.Start(restore);
            }

            _restored = true;
            lock (_groupsLock)
            {
                _groups = result;
            }
        }
        finally
        {
            _applyLock.Release();
        }
    }

    /// <summary>
    /// Parses <paramref name="files"/> into groups without starting them (upstream <c>Manager.LoadGroups</c>); rule
    /// unit tests evaluate such groups themselves with <see cref="RuleGroup.EvaluateAsync"/>.
    /// </summary>
    /// <param name="files">Rule file paths or glob patterns.</param>
    /// <param name="evaluationInterval">The interval of groups without their own.</param>
    /// <param name="externalLabels">The external labels for templates.</param>
    /// <param name="externalUrl">The external URL for templates.</param>
    /// <returns>The groups in file order.</returns>
    /// <exception cref="RuleFileException">A file cannot be read or is invalid.</exception>
    public IReadOnlyList<RuleGroup> LoadGroups(IReadOnlyList<string> files, TimeSpan evaluationInterval, Labels externalLabels, string externalUrl)
    {
        ArgumentNullException.ThrowIfNull(files);
        var url = Uri.TryCreate(externalUrl, UriKind.Absolute, out var uri) ? uri : null;
        var groups = new List<RuleGroup>();
        var errors = new List<RuleFileError>();
        foreach (var path in Expand(files))
        {
            RuleFile file;
            try
            {
                file = RuleFileParser.Load(path, _options.ParserOptions);
            }
            catch (RuleFileException ex)
            {
                errors.AddRange(ex.Errors);
                continue;
            }

            foreach (var g in file.Groups)
            {
                var rules = new List<Rule>(g.Rules.Count);
                foreach (var r in g.Rules)
                {
                    var labels = RuleManagerOptions.Merge(g.Labels, r.Labels);
                    rules.Add(r.IsAlerting
                        ? new AlertingRule(r.Alert!, r.Expr, r.For, r.KeepFiringFor, labels, r.Annotations, _restored || _options.Queryable is null)
                        : new RecordingRule(r.Record!, r.Expr, labels));
                }

                var interval = g.Interval is { } i && i > TimeSpan.Zero ? i : evaluationInterval;
                // Each group has its own template functions: the query function runs at the group's evaluation time.
                var evalTime = new StrongBox<DateTimeOffset>();
                var functions = PrometheusFunctions.Create(new PrometheusTemplateContext
                {
                    ExternalUrl = url,
                    Query = (query, ct) => TemplateQuery(query, evalTime.Value, ct),
                });
                var context = new EvalContext(_options.Query, g.QueryOffset ?? _options.DefaultQueryOffset, g.Limit, externalLabels, externalUrl, functions, evalTime);
                groups.Add(new RuleGroup(g.Name, path, interval, g.Limit, context.QueryOffset, rules, _options, context, _metrics));
            }
        }

        return errors.Count > 0 ? throw new RuleFileException(errors) : groups;
    }

    /// <summary>Snapshots of the running groups in load order, for <c>/api/v1/rules</c>.</summary>
    /// <returns>The groups.</returns>
    public IReadOnlyList<RuleGroupState> Groups()
    {
        List<RuleGroup> groups;
        lock (_groupsLock)
        {
            groups = _groups;
        }

        return groups.Select(g => g.State()).ToList();
    }

    /// <summary>The pending and firing alerts of all alerting rules, for <c>/api/v1/alerts</c>.</summary>
    /// <returns>The alerts.</returns>
    public IReadOnlyList<ActiveAlert> Alerts() =>
        Groups().SelectMany(g => g.Rules).SelectMany(r => r.Alerts).ToList();

    /// <summary>Stops every group; their series are not marked stale (a restart continues them).</summary>
    /// <returns>A task that completes when all groups stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        List<RuleGroup> groups;
        lock (_groupsLock)
        {
            groups = _groups;
            _groups = [];
        }

        foreach (var g in groups)
        {
            await g.StopAsync().ConfigureAwait(false);
        }

        _applyLock.Dispose();
    }

    private IReadOnlyList<QuerySample> TemplateQuery(string query, DateTimeOffset time, CancellationToken ct)
    {
        var samples = _options.Query(query, time, ct).AsTask().GetAwaiter().GetResult();
        var list = new List<QuerySample>(samples.Count);
        foreach (var s in samples)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var l in s.Metric)
            {
                map[l.Name] = l.Value;
            }

            list.Add(new QuerySample(map, s.Value));
        }

        return list;
    }

    private static IEnumerable<string> Expand(IReadOnlyList<string> files)
    {
        foreach (var f in files)
        {
            if (f.AsSpan().IndexOfAny("*?[") < 0)
            {
                yield return f;
                continue;
            }

            var dir = Path.GetDirectoryName(f);
            foreach (var match in ConfigLoader.Glob(string.IsNullOrEmpty(dir) ? "." : dir, Path.GetFileName(f)))
            {
                yield return match;
            }
        }
    }
}
