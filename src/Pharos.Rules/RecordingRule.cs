using Pharos.Model;
using Pharos.PromQL.Engine;

namespace Pharos.Rules;

/// <summary>A <c>record:</c> rule: the expression's result renamed and relabeled (upstream <c>RecordingRule</c>).</summary>
internal sealed class RecordingRule(string name, string expr, Labels labels) : Rule(name, expr, labels)
{
    private readonly LabelsBuilder _builder = new();

    public override async ValueTask<List<Sample>> EvalAsync(EvalContext context, DateTimeOffset ts, CancellationToken ct)
    {
        var queryTime = ts - context.QueryOffset;
        var result = await context.Query(Expr, queryTime, ct).ConfigureAwait(false);
        var samples = new List<Sample>(result.Count);
        var seen = new HashSet<Labels>();
        var timeMs = queryTime.ToUnixTimeMilliseconds();
        foreach (var s in result)
        {
            _builder.Reset(s.Metric);
            _builder.Set(LabelNames.MetricName, Name);
            foreach (var l in Labels)
            {
                _builder.Set(l.Name, l.Value);
            }

            var metric = _builder.ToLabels();
            if (!seen.Add(metric))
            {
                throw new InvalidOperationException("vector contains metrics with the same labelset after applying rule labels");
            }

            samples.Add(new Sample(metric, timeMs, s.Value, s.Histogram));
        }

        if (context.Limit > 0 && samples.Count > context.Limit)
        {
            throw new InvalidOperationException($"exceeded limit of {context.Limit} with {samples.Count} series");
        }

        return samples;
    }

    public override RuleState Snapshot()
    {
        lock (Sync)
        {
            return new RuleState
            {
                Kind = RuleKind.Recording,
                Name = Name,
                Query = Expr,
                Labels = Labels,
                Annotations = Labels.Empty,
                Health = Health,
                LastError = LastError,
                LastEvaluation = LastEvaluation,
                EvaluationTime = EvaluationTime,
            };
        }
    }

    public override bool SameDefinition(Rule other) =>
        other is RecordingRule r && r.Name == Name && r.Expr == Expr && r.Labels == Labels;
}
