using Pharos.Model;
using Pharos.PromQL.Engine;
using Pharos.Templating.Prometheus;

namespace Pharos.Rules;

/// <summary>
/// An <c>alert:</c> rule and its alerts' state machine (upstream <c>AlertingRule</c>): inactive → pending → firing
/// after <c>for</c>, kept firing for <c>keep_firing_for</c>, resolved alerts kept 15 minutes so that Alertmanager
/// hears about the resolution.
/// </summary>
internal sealed class AlertingRule(string name, string expr, TimeSpan holdDuration, TimeSpan keepFiringFor, Labels labels, Labels annotations, bool restored)
    : Rule(name, expr, labels)
{
    // Upstream's resolvedRetention: how long a resolved alert is still sent.
    private static readonly TimeSpan ResolvedRetention = TimeSpan.FromMinutes(15);

    private readonly Dictionary<Labels, Alert> _active = [];
    private readonly LabelsBuilder _builder = new();

    public TimeSpan HoldDuration { get; } = holdDuration;

    public TimeSpan KeepFiringFor { get; } = keepFiringFor;

    public Labels Annotations { get; } = annotations;

    /// <summary>Whether <c>ALERTS</c> samples are written: false until <c>for</c> state was restored at startup.</summary>
    public bool Restored { get; set; } = restored;

    public override async ValueTask<List<Sample>> EvalAsync(EvalContext context, DateTimeOffset ts, CancellationToken ct)
    {
        var queryTime = ts - context.QueryOffset;
        var result = await context.Query(Expr, queryTime, ct).ConfigureAwait(false);
        context.EvalTime.Value = ts;
        var externalLabels = ToMap(context.ExternalLabels);
        var current = new Dictionary<Labels, Alert>(result.Count);
        foreach (var s in result)
        {
            var data = new RuleTemplateData(ToMap(s.Metric), externalLabels, context.ExternalUrl, s.Value);
            _builder.Reset(s.Metric);
            _builder.Delete(LabelNames.MetricName);
            foreach (var l in Labels)
            {
                _builder.Set(l.Name, AlertTemplateExpander.Expand(Name, l.Value, data, context.Functions, ct));
            }

            _builder.Set(RuleNames.AlertName, Name);
            var alertLabels = _builder.ToLabels();
            var annotations = new List<Label>(Annotations.Count);
            foreach (var a in Annotations)
            {
                annotations.Add(new Label(a.Name, AlertTemplateExpander.Expand(Name, a.Value, data, context.Functions, ct)));
            }

            if (current.ContainsKey(alertLabels))
            {
                throw new InvalidOperationException("vector contains metrics with the same labelset after applying alert labels");
            }

            current[alertLabels] = new Alert
            {
                Labels = alertLabels,
                Annotations = Model.Labels.FromLabels(annotations),
                Value = s.Value,
                State = AlertState.Pending,
                ActiveAt = ts,
            };
        }

        var samples = new List<Sample>();
        lock (Sync)
        {
            foreach (var (key, alert) in current)
            {
                // An alert already active keeps its activation time; only its value and annotations change.
                if (_active.TryGetValue(key, out var existing) && existing.State != AlertState.Inactive)
                {
                    existing.Value = alert.Value;
                    existing.Annotations = alert.Annotations;
                    continue;
                }

                _active[key] = alert;
            }

            var activeCount = 0;
            var sampleTimeMs = queryTime.ToUnixTimeMilliseconds();
            foreach (var (key, alert) in _active.ToList())
            {
                if (!current.ContainsKey(key))
                {
                    var keepFiring = false;
                    if (alert.State == AlertState.Firing && KeepFiringFor > TimeSpan.Zero)
                    {
                        alert.KeepFiringSince ??= ts;
                        keepFiring = ts - alert.KeepFiringSince.Value < KeepFiringFor;
                    }

                    // Pending alerts vanish at once; resolved ones after the retention.
                    if (alert.State == AlertState.Pending || (alert.ResolvedAt is { } resolved && ts - resolved > ResolvedRetention))
                    {
                        _active.Remove(key);
                    }

                    if (alert.State != AlertState.Inactive && !keepFiring)
                    {
                        alert.State = AlertState.Inactive;
                        alert.ResolvedAt = ts;
                    }

                    if (!keepFiring)
                    {
                        continue;
                    }
                }
                else
                {
                    alert.KeepFiringSince = null;
                }

                activeCount++;
                if (alert.State == AlertState.Pending && ts - alert.ActiveAt >= HoldDuration)
                {
                    alert.State = AlertState.Firing;
                    alert.FiredAt = ts;
                }

                if (Restored)
                {
                    samples.Add(new Sample(SeriesLabels(alert, RuleNames.Alerts, true), sampleTimeMs, 1));
                    samples.Add(new Sample(SeriesLabels(alert, RuleNames.AlertsForState, false), sampleTimeMs, alert.ActiveAt.ToUnixTimeSeconds()));
                }
            }

            if (context.Limit > 0 && activeCount > context.Limit)
            {
                _active.Clear();
                throw new InvalidOperationException($"exceeded limit of {context.Limit} with {activeCount} alerts");
            }
        }

        return samples;
    }

    /// <summary>Collects the alerts due to be sent and marks them sent (upstream <c>sendAlerts</c>).</summary>
    public List<AlertToSend> AlertsToSend(DateTimeOffset ts, TimeSpan resendDelay, TimeSpan interval, string generatorUrl)
    {
        var list = new List<AlertToSend>();
        lock (Sync)
        {
            foreach (var alert in _active.Values)
            {
                if (!alert.NeedsSending(ts, resendDelay))
                {
                    continue;
                }

                alert.LastSentAt = ts;

                // Valid for four intervals: the alert survives two failed evaluations or sends.
                alert.ValidUntil = ts + (4 * (interval > resendDelay ? interval : resendDelay));
                var endsAt = alert.ResolvedAt ?? alert.ValidUntil;
                list.Add(new AlertToSend(alert.Labels, alert.Annotations, alert.FiredAt ?? alert.ActiveAt, endsAt, generatorUrl));
            }
        }

        return list;
    }

    /// <summary>The labels of this alert's <c>ALERTS</c> or <c>ALERTS_FOR_STATE</c> series.</summary>
    public Labels SeriesLabels(Alert alert, string metric, bool withState)
    {
        lock (_builder)
        {
            _builder.Reset(alert.Labels);
            _builder.Set(LabelNames.MetricName, metric);
            if (withState)
            {
                _builder.Set(RuleNames.AlertState, RuleNames.Of(alert.State));
            }

            return _builder.ToLabels();
        }
    }

    /// <summary>The active alerts, for restoring their state; called on the group thread only.</summary>
    public List<Alert> ActiveAlerts()
    {
        lock (Sync)
        {
            return _active.Values.Where(a => a.State != AlertState.Inactive).ToList();
        }
    }

    /// <summary>Takes over the alerts of the rule this one replaces on reload.</summary>
    public void CopyAlertsFrom(AlertingRule old)
    {
        lock (old.Sync)
        {
            foreach (var (k, v) in old._active)
            {
                _active[k] = v;
            }
        }
    }

    public override RuleState Snapshot()
    {
        lock (Sync)
        {
            var alerts = _active.Values.Where(a => a.State != AlertState.Inactive).Select(a => a.Snapshot()).OrderBy(a => a.Labels).ToList();
            var state = alerts.Count == 0 ? AlertState.Inactive : alerts.Max(a => a.State);
            return new RuleState
            {
                Kind = RuleKind.Alerting,
                Name = Name,
                Query = Expr,
                Labels = Labels,
                Annotations = Annotations,
                Duration = HoldDuration,
                KeepFiringFor = KeepFiringFor,
                Health = Health,
                LastError = LastError,
                LastEvaluation = LastEvaluation,
                EvaluationTime = EvaluationTime,
                State = state,
                Alerts = alerts,
            };
        }
    }

    public override bool SameDefinition(Rule other) =>
        other is AlertingRule r && r.Name == Name && r.Expr == Expr && r.Labels == Labels && r.Annotations == Annotations
        && r.HoldDuration == HoldDuration && r.KeepFiringFor == KeepFiringFor;

    private static Dictionary<string, string> ToMap(Labels labels)
    {
        var map = new Dictionary<string, string>(labels.Count, StringComparer.Ordinal);
        foreach (var l in labels)
        {
            map[l.Name] = l.Value;
        }

        return map;
    }

}
