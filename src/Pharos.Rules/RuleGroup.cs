using System.Text;
using Pharos.Model;
using Pharos.PromQL.Engine;
using Pharos.Storage;

namespace Pharos.Rules;

/// <summary>
/// A group of rules evaluated in order at a common interval (upstream <c>rules.Group</c>). Later rules see earlier
/// rules' results because each rule's output is committed before the next rule runs. A failing rule is marked
/// unhealthy and the group goes on. Created by <see cref="RuleManager"/>; <see cref="EvaluateAsync"/> is also public so
/// that rule unit tests can drive evaluation with their own clock.
/// </summary>
public sealed partial class RuleGroup
{
    private readonly RuleManagerOptions _options;
    private readonly EvalContext _context;
    private readonly RuleMetrics? _metrics;

    // The series each rule wrote in its previous evaluation, to write stale markers for those that disappear.
    private Dictionary<Labels, byte>[] _seriesInPreviousEval;
    private readonly Lock _stateLock = new();
    private DateTimeOffset? _lastEvaluation;
    private TimeSpan _evaluationTime;

    internal RuleGroup(string name, string file, TimeSpan interval, int limit, TimeSpan queryOffset, IReadOnlyList<Rule> rules, RuleManagerOptions options, EvalContext context, RuleMetrics? metrics)
    {
        Name = name;
        File = file;
        Interval = interval;
        Limit = limit;
        QueryOffset = queryOffset;
        RulesList = rules;
        _options = options;
        _context = context;
        _metrics = metrics;
        _seriesInPreviousEval = new Dictionary<Labels, byte>[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            _seriesInPreviousEval[i] = [];
        }
    }

    /// <summary>The group name.</summary>
    public string Name { get; }

    /// <summary>The file the group was loaded from.</summary>
    public string File { get; }

    /// <summary>The evaluation interval.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The group's <c>limit</c> (0: none).</summary>
    public int Limit { get; }

    /// <summary>How far back from the evaluation time the rules query.</summary>
    public TimeSpan QueryOffset { get; }

    /// <summary>The metrics' <c>rule_group</c> label: file and name joined by a semicolon, as upstream.</summary>
    public string Key => File + ";" + Name;

    internal IReadOnlyList<Rule> RulesList { get; }

    internal EvalContext Context => _context;

    /// <summary>
    /// The evaluation time at or before <paramref name="now"/> on this group's grid: multiples of the interval shifted
    /// by a stable per-group offset (a hash of name and file), so groups spread over the interval as upstream.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <returns>The latest grid point not after <paramref name="now"/>.</returns>
    public DateTimeOffset EvalTimestamp(DateTimeOffset now)
    {
        // Upstream works in nanoseconds; ticks (100 ns) keep every grid point representable, so the grid is exact.
        var interval = Interval.Ticks;
        var offset = (long)(Labels.FromStrings("file", File, "name", Name).Hash() % (ulong)interval);
        var adjusted = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks - offset;
        var gridStart = adjusted - (((adjusted % interval) + interval) % interval);
        return DateTimeOffset.UnixEpoch.AddTicks(gridStart + offset);
    }

    /// <summary>Evaluates every rule once at <paramref name="ts"/>, writes the results and sends due alerts.</summary>
    /// <param name="ts">The evaluation time.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>A task that completes when all rules were evaluated.</returns>
    public async Task EvaluateAsync(DateTimeOffset ts, CancellationToken cancellationToken = default)
    {
        var clock = _options.TimeProvider;
        var groupStart = clock.GetTimestamp();
        for (var i = 0; i < RulesList.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rule = RulesList[i];
            var start = clock.GetTimestamp();
            _metrics?.Evaluations(Key).Inc();
            List<Sample> vector;
            try
            {
                vector = await rule.EvalAsync(_context, ts, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                rule.SetResult(ts, start, clock, ex);
                _metrics?.Failures(Key).Inc();
                _options.OnRuleError?.Invoke(State(), rule.Name, ex);
                continue;
            }

            rule.SetResult(ts, start, clock, null);
            if (rule is AlertingRule alerting && _options.Notify is { } notify)
            {
                var alerts = alerting.AlertsToSend(ts, _options.ResendDelay, Interval, GeneratorUrl(_context.ExternalUrl, rule.Expr));
                if (alerts.Count > 0)
                {
                    notify(rule.Expr, alerts);
                }
            }

            Append(i, vector, ts - QueryOffset);
            _metrics?.RuleDuration.Observe(clock.GetElapsedTime(start).TotalSeconds);
        }

        var elapsed = clock.GetElapsedTime(groupStart);
        lock (_stateLock)
        {
            _lastEvaluation = ts;
            _evaluationTime = elapsed;
        }

        _metrics?.GroupEvaluated(this, ts, elapsed);
    }

    /// <summary>A snapshot of the group and its rules.</summary>
    /// <returns>The state for the API.</returns>
    public RuleGroupState State()
    {
        lock (_stateLock)
        {
            return new RuleGroupState
            {
                Name = Name,
                File = File,
                Interval = Interval,
                Limit = Limit,
                QueryOffset = QueryOffset,
                Rules = RulesList.Select(r => r.Snapshot()).ToList(),
                LastEvaluation = _lastEvaluation,
                EvaluationTime = _evaluationTime,
            };
        }
    }

    /// <summary>The link Alertmanager shows for an alert: the expression in the external URL's graph page, as upstream.</summary>
    /// <param name="externalUrl">The server's external URL.</param>
    /// <param name="expr">The expression.</param>
    /// <returns>The URL.</returns>
    public static string GeneratorUrl(string externalUrl, string expr) =>
        externalUrl.TrimEnd('/') + "/graph?g0.expr=" + QueryEscape(expr) + "&g0.tab=1";

    /// <summary>Whether <paramref name="other"/> has the same definition, so that a reload keeps this group as it is.</summary>
    internal bool SameDefinition(RuleGroup other)
    {
        if (other.Name != Name || other.File != File || other.Interval != Interval || other.Limit != Limit
            || other.QueryOffset != QueryOffset || other.RulesList.Count != RulesList.Count
            || other._context.ExternalUrl != _context.ExternalUrl || other._context.ExternalLabels != _context.ExternalLabels)
        {
            return false;
        }

        for (var i = 0; i < RulesList.Count; i++)
        {
            if (!RulesList[i].SameDefinition(other.RulesList[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Takes over alerts and written series of the group this one replaces, matching rules by name.</summary>
    internal void CopyState(RuleGroup old)
    {
        var byName = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
        for (var i = 0; i < old.RulesList.Count; i++)
        {
            var key = old.RulesList[i].Name;
            if (!byName.TryGetValue(key, out var q))
            {
                byName[key] = q = new Queue<int>();
            }

            q.Enqueue(i);
        }

        for (var i = 0; i < RulesList.Count; i++)
        {
            if (!byName.TryGetValue(RulesList[i].Name, out var q) || !q.TryDequeue(out var j))
            {
                continue;
            }

            _seriesInPreviousEval[i] = old._seriesInPreviousEval[j];
            if (RulesList[i] is AlertingRule a && old.RulesList[j] is AlertingRule oldA)
            {
                a.CopyAlertsFrom(oldA);
            }
        }

        lock (old._stateLock)
        {
            _lastEvaluation = old._lastEvaluation;
            _evaluationTime = old._evaluationTime;
        }
    }

    /// <summary>Writes stale markers for everything the group wrote last time (the group was removed).</summary>
    internal void MarkAllStale(DateTimeOffset ts)
    {
        var app = _options.Appendable.CreateAppender();
        var timeMs = ts.ToUnixTimeMilliseconds();
        foreach (var series in _seriesInPreviousEval)
        {
            foreach (var labels in series.Keys)
            {
                SeriesRef r = default;
                app.Append(ref r, labels, timeMs, StaleMarker.StaleNaN);
            }
        }

        app.Commit();
        _seriesInPreviousEval = _seriesInPreviousEval.Select(_ => new Dictionary<Labels, byte>()).ToArray();
    }

    private void Append(int index, List<Sample> vector, DateTimeOffset sampleTime)
    {
        var app = _options.Appendable.CreateAppender();
        var returned = new Dictionary<Labels, byte>(vector.Count);
        foreach (var s in vector)
        {
            SeriesRef r = default;
            var status = s.Histogram is { } h
                ? app.AppendHistogram(ref r, s.Metric, s.TimestampMs, h)
                : app.Append(ref r, s.Metric, s.TimestampMs, s.Value);
            if (status is AppendStatus.Ok or AppendStatus.OutOfOrder or AppendStatus.DuplicateTimestamp)
            {
                returned[s.Metric] = 0;
            }
        }

        // Series written last time but not this time get a stale marker, so queries stop seeing them at once.
        var staleMs = sampleTime.ToUnixTimeMilliseconds();
        foreach (var labels in _seriesInPreviousEval[index].Keys)
        {
            if (!returned.ContainsKey(labels))
            {
                SeriesRef r = default;
                app.Append(ref r, labels, staleMs, StaleMarker.StaleNaN);
            }
        }

        app.Commit();
        _seriesInPreviousEval[index] = returned;
    }

    // Go's url.QueryEscape: unreserved bytes stay, space becomes '+', everything else %XX of its UTF-8 bytes.
    private static string QueryEscape(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(((int)b).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
