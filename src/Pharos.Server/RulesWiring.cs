using Microsoft.Extensions.Logging;
using Pharos.Client;
using Pharos.Config;
using Pharos.Discovery;
using Pharos.Model;
using Pharos.Notifier;
using Pharos.PromQL.Engine;
using Pharos.Rules;
using Pharos.Rules.Files;
using Pharos.Web;

namespace Pharos.Server;

/// <summary>
/// Rules, the notifier and Alertmanager discovery of <c>pharos server</c>, and the adapters that show them on
/// <c>/api/v1/rules</c>, <c>/api/v1/alerts</c> and <c>/api/v1/alertmanagers</c>.
/// </summary>
internal sealed class RulesWiring : IRulesRetriever, IAlertmanagerRetriever, IAsyncDisposable
{
    private readonly NotifierManager _notifier;
    private readonly RuleManager _rules;
    private readonly DiscoveryManager _discovery;
    private readonly ILogger _logger;

    public RulesWiring(ServerOptions options, PromQLEngine engine, DeferredQueryable storage, ILoggerFactory loggerFactory, TimeProvider time, MetricRegistry registry, string baseDirectory)
    {
        _logger = loggerFactory.CreateLogger("rules");
        var notifierLogger = loggerFactory.CreateLogger("notifier");
        _notifier = new NotifierManager(new NotifierOptions
        {
            QueueCapacity = options.NotificationQueueCapacity,
            TimeProvider = time,
            Registry = registry,
            OnSendError = (endpoint, e) => notifierLogger.LogError("Error sending alerts: alertmanager={Url} err={Error}", endpoint.Url, e.Message),
        });
        _rules = new RuleManager(new RuleManagerOptions
        {
            Query = RuleQuery.FromEngine(engine, storage),
            Appendable = storage,
            Queryable = storage,
            Notify = (_, alerts) => _notifier.Send(alerts.Select(a => new NotifierAlert(a.Labels, a.Annotations, a.StartsAt, a.EndsAt, a.GeneratorUrl)).ToList()),
            Registry = registry,
            TimeProvider = time,
            ResendDelay = options.ResendDelay,
            ForOutageTolerance = options.OutageTolerance,
            ForGracePeriod = options.GracePeriod,
            OnRuleError = (group, rule, e) => _logger.LogWarning("Evaluating rule failed: group={Group} rule={Rule} err={Error}", group.Name, rule, e.Message),
        });
        _discovery = new DiscoveryManager(loggerFactory, time, new DiscoveryManagerOptions { Name = "notify", BaseDirectory = baseDirectory }, registry);
    }

    /// <summary>Checks the rule files of <paramref name="config"/> without running them.</summary>
    /// <exception cref="RuleFileException">A rule file is invalid.</exception>
    public void Validate(PrometheusConfig config, Uri externalUrl) =>
        _rules.LoadGroups(RuleFiles(config), config.Global.EvaluationInterval, config.Global.ExternalLabels, externalUrl.ToString());

    /// <summary>
    /// Applies the rule files first (a bad file throws before anything changed), then the alerting section.
    /// </summary>
    /// <exception cref="RuleFileException">A rule file is invalid; the old groups keep running.</exception>
    public void ApplyConfig(PrometheusConfig config, Uri externalUrl)
    {
        _rules.ApplyRuleFiles(RuleFiles(config), config.Global.EvaluationInterval, config.Global.ExternalLabels, externalUrl.ToString());
        _notifier.ApplyConfig(config.Alerting, config.Global.ExternalLabels);
        var sets = new Dictionary<string, IReadOnlyList<Pharos.Config.Discovery.IServiceDiscoveryConfig>>(StringComparer.Ordinal);
        for (var i = 0; i < config.Alerting.Alertmanagers.Count; i++)
        {
            sets[$"config-{i}"] = config.Alerting.Alertmanagers[i].ServiceDiscoveryConfigs;
        }

        _discovery.ApplyConfig(sets);
    }

    /// <summary>Runs Alertmanager discovery, feeding each snapshot to the notifier until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var discovery = _discovery.RunAsync(cancellationToken);
        await foreach (var snapshot in _discovery.Updates.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            _notifier.UpdateAlertmanagers(snapshot.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Labels>)Flatten(kv.Value), StringComparer.Ordinal));
        }

        await discovery.ConfigureAwait(false);
    }

    public IReadOnlyList<RuleGroupInfo> RuleGroups() => _rules.Groups().Select(g => new RuleGroupInfo(
        g.Name,
        g.File,
        g.Rules.Select(ToInfo).ToList(),
        g.Interval,
        g.Limit,
        g.EvaluationTime,
        g.LastEvaluation ?? default)).ToList();

    public IReadOnlyList<Uri> ActiveAlertmanagers() => Urls(_notifier.Active());

    public IReadOnlyList<Uri> DroppedAlertmanagers() => Urls(_notifier.Dropped());

    public async ValueTask DisposeAsync()
    {
        await _discovery.DisposeAsync().ConfigureAwait(false);
        await _rules.DisposeAsync().ConfigureAwait(false);
        await _notifier.DisposeAsync().ConfigureAwait(false);
    }

    private static List<string> RuleFiles(PrometheusConfig config) =>
        config.RuleFiles.SelectMany(p => ConfigLoader.Glob(config.Directory, p)).ToList();

    private static List<Labels> Flatten(IReadOnlyList<DiscoveredTargetGroup> groups)
    {
        var result = new List<Labels>();
        var builder = new LabelsBuilder();
        foreach (var group in groups)
        {
            foreach (var target in group.Targets)
            {
                // The target's own labels win over its group's, as in upstream target construction.
                builder.Reset(group.Labels);
                foreach (var label in target)
                {
                    builder.Set(label.Name, label.Value);
                }

                result.Add(builder.ToLabels());
            }
        }

        return result;
    }

    private static List<Uri> Urls(IReadOnlyList<AlertmanagerEndpoint> endpoints) =>
        endpoints.Select(e => Uri.TryCreate(e.Url, UriKind.Absolute, out var u) ? u : null).OfType<Uri>().ToList();

    private static RuleInfo ToInfo(RuleState r) => new(
        r.Name,
        r.Query,
        r.Kind == RuleKind.Alerting,
        r.Health switch { RuleHealth.Ok => "ok", RuleHealth.Err => "err", _ => "unknown" },
        r.LastError ?? string.Empty,
        r.Labels,
        r.Annotations,
        r.Duration,
        r.KeepFiringFor,
        StateName(r.State),
        r.Alerts.Select(a => new AlertInfo(a.Labels, a.Annotations, StateName(a.State), a.ActiveAt, a.Value)).ToList(),
        r.EvaluationTime,
        r.LastEvaluation ?? default);

    private static string StateName(AlertState state) => state switch
    {
        AlertState.Pending => "pending",
        AlertState.Firing => "firing",
        _ => "inactive",
    };
}
