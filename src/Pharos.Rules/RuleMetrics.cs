using Pharos.Client;

namespace Pharos.Rules;

/// <summary>The rule manager's self-metrics, with upstream's names and <c>rule_group</c> label.</summary>
internal sealed class RuleMetrics
{
    private const string GroupLabel = "rule_group";
    private readonly Counter _evaluations;
    private readonly Counter _failures;
    private readonly Counter _iterations;
    private readonly Counter _missed;
    private readonly Gauge _lastDuration;
    private readonly Gauge _rules;
    private readonly Gauge _interval;
    private readonly Gauge _lastEvaluation;

    public RuleMetrics(MetricRegistry registry)
    {
        _evaluations = registry.CreateCounter("prometheus_rule_evaluations_total", "The total number of rule evaluations.", GroupLabel);
        _failures = registry.CreateCounter("prometheus_rule_evaluation_failures_total", "The total number of rule evaluation failures.", GroupLabel);
        _iterations = registry.CreateCounter("prometheus_rule_group_iterations_total", "The total number of scheduled rule group evaluations, whether executed or missed.", GroupLabel);
        _missed = registry.CreateCounter("prometheus_rule_group_iterations_missed_total", "The total number of rule group evaluations missed due to slow rule group evaluation.", GroupLabel);
        _lastDuration = registry.CreateGauge("prometheus_rule_group_last_duration_seconds", "The duration of the last rule group evaluation.", GroupLabel);
        _rules = registry.CreateGauge("prometheus_rule_group_rules", "The number of rules.", GroupLabel);
        _interval = registry.CreateGauge("prometheus_rule_group_interval_seconds", "The interval of a rule group.", GroupLabel);
        _lastEvaluation = registry.CreateGauge("prometheus_rule_group_last_evaluation_timestamp_seconds", "The timestamp of the last rule group evaluation in seconds.", GroupLabel);
        RuleDuration = registry.CreateSummary("prometheus_rule_evaluation_duration_seconds", "The duration for a rule to execute.");
        GroupDuration = registry.CreateSummary("prometheus_rule_group_duration_seconds", "The duration of rule group evaluations.");
    }

    public Summary RuleDuration { get; }

    public Summary GroupDuration { get; }

    public Counter.Child Evaluations(string group) => _evaluations.WithLabels(group);

    public Counter.Child Failures(string group) => _failures.WithLabels(group);

    public Counter.Child IterationsScheduled(string group) => _iterations.WithLabels(group);

    public Counter.Child IterationsMissed(string group) => _missed.WithLabels(group);

    /// <summary>Creates the group's series at zero so dashboards see the group before its first evaluation.</summary>
    public void GroupAdded(RuleGroup group)
    {
        _ = Evaluations(group.Key);
        _ = Failures(group.Key);
        _ = IterationsScheduled(group.Key);
        _ = IterationsMissed(group.Key);
        _rules.WithLabels(group.Key).Set(group.RulesList.Count);
        _interval.WithLabels(group.Key).Set(group.Interval.TotalSeconds);
        _lastDuration.WithLabels(group.Key).Set(0);
        _lastEvaluation.WithLabels(group.Key).Set(0);
    }

    public void GroupRemoved(RuleGroup group)
    {
        foreach (var metric in new Metric<Counter.Child>[] { _evaluations, _failures, _iterations, _missed })
        {
            metric.Remove(group.Key);
        }

        foreach (var metric in new Metric<Gauge.Child>[] { _rules, _interval, _lastDuration, _lastEvaluation })
        {
            metric.Remove(group.Key);
        }
    }

    public void GroupEvaluated(RuleGroup group, DateTimeOffset ts, TimeSpan elapsed)
    {
        GroupDuration.Observe(elapsed.TotalSeconds);
        _lastDuration.WithLabels(group.Key).Set(elapsed.TotalSeconds);
        _lastEvaluation.WithLabels(group.Key).Set(ts.ToUnixTimeMilliseconds() / 1000.0);
    }
}
