using Pharos.Client;
using Pharos.Model;
using Pharos.Rules.Files;
using Pharos.Storage;
using IQueryable = Pharos.Storage.IQueryable;

namespace Pharos.Rules;

/// <summary>What the <see cref="RuleManager"/> needs from its host (upstream <c>rules.ManagerOptions</c>).</summary>
public sealed record RuleManagerOptions
{
    /// <summary>Runs the rules' instant queries (see <see cref="RuleQuery.FromEngine"/>).</summary>
    public required QueryFunc Query { get; init; }

    /// <summary>Where recording-rule results and <c>ALERTS</c>/<c>ALERTS_FOR_STATE</c> series are written.</summary>
    public required IAppendable Appendable { get; init; }

    /// <summary>Where <c>ALERTS_FOR_STATE</c> is read back at startup to restore <c>for</c> state; null disables restoring.</summary>
    public IQueryable? Queryable { get; init; }

    /// <summary>Receives alerts due to be sent; null drops them.</summary>
    public NotifyFunc? Notify { get; init; }

    /// <summary>The clock for evaluation times and timers.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the <c>prometheus_rule_*</c> metrics are registered; null for none.</summary>
    public MetricRegistry? Registry { get; init; }

    /// <summary>Minimum time between resends of a still-firing alert (<c>--rules.alert.resend-delay</c>, default 1m).</summary>
    public TimeSpan ResendDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Maximum downtime for which <c>for</c> state is restored (<c>--rules.alert.for-outage-tolerance</c>, default 1h).</summary>
    public TimeSpan ForOutageTolerance { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Minimum time an alert with a <c>for</c> at least this long stays pending after a restore
    /// (<c>--rules.alert.for-grace-period</c>, default 10m).
    /// </summary>
    public TimeSpan ForGracePeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The query offset of groups that set none (<c>--rules.query-offset</c>, default 0).</summary>
    public TimeSpan DefaultQueryOffset { get; init; }

    /// <summary>How rule files are validated.</summary>
    public RuleFileParserOptions ParserOptions { get; init; } = new();

    /// <summary>Called with every rule evaluation error (for logging); may be null.</summary>
    public Action<RuleGroupState, string, Exception>? OnRuleError { get; init; }

    // Group labels apply to every rule; a rule's own label of the same name wins (Prometheus 3).
    internal static Labels Merge(Labels groupLabels, Labels ruleLabels)
    {
        if (groupLabels.IsEmpty)
        {
            return ruleLabels;
        }

        var b = new LabelsBuilder(groupLabels);
        foreach (var l in ruleLabels)
        {
            b.Set(l.Name, l.Value);
        }

        return b.ToLabels();
    }
}
