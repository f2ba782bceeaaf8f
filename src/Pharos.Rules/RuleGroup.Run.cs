using Pharos.Model;
using Pharos.Storage;

namespace Pharos.Rules;

public sealed partial class RuleGroup
{
    private CancellationTokenSource? _stop;
    private Task? _run;

    /// <summary>Starts the evaluation loop; with <paramref name="restore"/>, restores <c>for</c> state after the second evaluation.</summary>
    internal void Start(bool restore)
    {
        _stop = new CancellationTokenSource();
        _run = Task.Run(() => RunAsync(restore, _stop.Token));
    }

    /// <summary>Stops the loop and waits for a running evaluation to end.</summary>
    internal async Task StopAsync()
    {
        if (_stop is null || _run is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping cancels the wait or the evaluation in progress; both are expected.
        }

        _stop.Dispose();
        _stop = null;
        _run = null;
    }

    private async Task RunAsync(bool restore, CancellationToken ct)
    {
        var clock = _options.TimeProvider;

        // The first evaluation is on the group's grid after a full interval, as upstream.
        var next = EvalTimestamp(clock.GetUtcNow()) + Interval;
        var iterations = 0;
        while (!ct.IsCancellationRequested)
        {
            var wait = next - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, ct).ConfigureAwait(false);
            }

            var behind = clock.GetUtcNow() - next;
            var missed = behind > TimeSpan.Zero ? (long)(behind / Interval) : 0;
            if (missed > 0)
            {
                _metrics?.IterationsMissed(Key).Inc(missed);
                next += Interval * missed;
            }

            _metrics?.IterationsScheduled(Key).Inc(missed + 1);
            try
            {
                await EvaluateAsync(next, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failure outside the rules (storage, the notify callback) must not end the group's loop.
                _options.OnRuleError?.Invoke(State(), "", ex);
            }

            iterations++;

            // Restore after the second evaluation: by then recording rules the alerts depend on have fresh values.
            if (restore && iterations == 2)
            {
                RestoreForState(clock.GetUtcNow());
                restore = false;
            }

            next += Interval;
        }
    }

    /// <summary>
    /// Restores the activation time of active alerts from the last <c>ALERTS_FOR_STATE</c> sample written before a
    /// restart (upstream <c>RestoreForState</c>), so that a restart does not reset <c>for</c>.
    /// </summary>
    /// <param name="ts">The current time.</param>
    public void RestoreForState(DateTimeOffset ts)
    {
        if (_options.Queryable is not { } queryable)
        {
            MarkRestored();
            return;
        }

        var maxMs = ts.ToUnixTimeMilliseconds();
        var minMs = (ts - _options.ForOutageTolerance).ToUnixTimeMilliseconds();
        using var querier = queryable.CreateQuerier(minMs, maxMs);
        foreach (var rule in RulesList)
        {
            if (rule is not AlertingRule alerting)
            {
                continue;
            }

            if (alerting.HoldDuration < _options.ForGracePeriod)
            {
                alerting.Restored = true;
                continue;
            }

            foreach (var alert in alerting.ActiveAlerts())
            {
                var labels = alerting.SeriesLabels(alert, RuleNames.AlertsForState, false);
                if (LastSample(querier, labels) is not var (downAtMs, activeAtSeconds))
                {
                    continue;
                }

                var downAt = DateTimeOffset.FromUnixTimeMilliseconds(downAtMs);
                var restoredActiveAt = DateTimeOffset.FromUnixTimeSeconds((long)activeAtSeconds);
                var remaining = alerting.HoldDuration - (downAt - restoredActiveAt);
                if (remaining <= TimeSpan.Zero)
                {
                    // It was firing when the server went down; the next evaluation sets it firing again.
                }
                else if (remaining < _options.ForGracePeriod)
                {
                    restoredActiveAt = ts + _options.ForGracePeriod - alerting.HoldDuration;
                }
                else
                {
                    // Pending time does not count the outage: shift activation by the downtime.
                    restoredActiveAt += ts - downAt;
                }

                lock (alerting.Sync)
                {
                    alert.ActiveAt = restoredActiveAt;
                }
            }

            alerting.Restored = true;
        }
    }

    private void MarkRestored()
    {
        foreach (var rule in RulesList)
        {
            if (rule is AlertingRule a)
            {
                a.Restored = true;
            }
        }
    }

    private static (long TimestampMs, double Value)? LastSample(IQuerier querier, Labels labels)
    {
        var matchers = new Matcher[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            matchers[i] = new Matcher(Model.MatchType.Equal, labels[i].Name, labels[i].Value);
        }

        var set = querier.Select(false, null, matchers);
        (long, double)? last = null;
        while (set.Next())
        {
            if (set.Current.Labels != labels)
            {
                continue;
            }

            var it = set.Current.Iterator(null);
            while (it.Next() == SampleType.Float)
            {
                var (t, v) = it.At();
                if (!StaleMarker.IsStaleNaN(v))
                {
                    last = (t, v);
                }
            }
        }

        return last;
    }
}
