using System.Diagnostics;
using Pharos.Model;
using Pharos.PromQL.Engine;

namespace Pharos.Rules;

/// <summary>
/// What recording and alerting rules share: the expression, labels, health and timing of the last evaluation.
/// Evaluated by one group thread; snapshots are read by API threads under <see cref="Sync"/>.
/// </summary>
internal abstract class Rule(string name, string expr, Labels labels)
{
    public string Name { get; } = name;

    public string Expr { get; } = expr;

    public Labels Labels { get; } = labels;

    public object Sync { get; } = new();

    public RuleHealth Health { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? LastEvaluation { get; private set; }

    public TimeSpan EvaluationTime { get; private set; }

    /// <summary>Evaluates at <paramref name="ts"/>; returns the samples to write, all at the same timestamp.</summary>
    public abstract ValueTask<List<Sample>> EvalAsync(EvalContext context, DateTimeOffset ts, CancellationToken ct);

    public abstract RuleState Snapshot();

    /// <summary>Whether two rules are the same definition, so that reloading keeps the group running.</summary>
    public abstract bool SameDefinition(Rule other);

    public void SetResult(DateTimeOffset ts, long startTimestamp, TimeProvider clock, Exception? error)
    {
        lock (Sync)
        {
            LastEvaluation = ts;
            EvaluationTime = clock.GetElapsedTime(startTimestamp);
            Health = error is null ? RuleHealth.Ok : RuleHealth.Err;
            LastError = error?.Message;
        }
    }

    protected static long Now() => Stopwatch.GetTimestamp();
}
