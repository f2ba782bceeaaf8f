using Pharos.Model;
using Pharos.PromQL.Functions;
using Pharos.PromQL.Parser;

namespace Pharos.PromQL.Engine;

internal sealed partial class Evaluator
{
    private sealed class Group
    {
        public required Labels Labels { get; init; }

        /// <summary>Whether the group's name is to be removed at the end of the query.</summary>
        public bool DropName { get; set; }

        public List<Sample> Samples { get; } = [];
    }

    private List<Series> EvalAggregate(AggregateExpr a)
    {
        string? countLabel = null;
        if (a.Op == AggregationOp.CountValues)
        {
            countLabel = StringArg(a.Param!);
            if (!IsValidLabelName(countLabel))
            {
                throw new PromQLQueryException($"invalid label name {GoFormat.Quote(countLabel)}");
            }
        }

        var param = a.Param is { Type: Parser.ValueType.Scalar } p ? EvalScalarSteps(p) : null;
        var grouping = a.Grouping;
        var warned = false;
        var keyCache = new Dictionary<(Labels, bool), Labels>();
        var input = EvalMatrix(a.Expr);
        if (IsStreamingAggregation(a.Op) && TryAggregateStreaming(a.Op, input, grouping, a.Without) is { } streamed)
        {
            return streamed;
        }

        return RangeEval([input], (ts, v, output) =>
        {
            var k = param?[StepIndex(ts)] ?? 0;
            if (a.Op is AggregationOp.Topk or AggregationOp.Bottomk or AggregationOp.Limitk && double.IsNaN(k))
            {
                throw new PromQLQueryException("Parameter value is NaN");
            }

            if (a.Op == AggregationOp.LimitRatio)
            {
                if (double.IsNaN(k))
                {
                    throw new PromQLQueryException("Ratio value is NaN");
                }

                if (k is < -1 or > 1)
                {
                    var capped = k < -1 ? -1.0 : 1.0;
                    Annotations.AddWarning($"ratio value should be between -1 and 1, got {GoNumberFormat.FormatG(k)}, capping to {GoNumberFormat.FormatG(capped)}");
                    k = capped;
                }
            }

            if (a.Op == AggregationOp.Quantile && !warned && (k < 0 || k > 1 || double.IsNaN(k)))
            {
                Annotations.AddWarning($"quantile value should be between 0 and 1, got {GoNumberFormat.FormatG(k)}");
                warned = true;
            }

            var groups = new Dictionary<Labels, Group>();
            var order = new List<Group>();
            foreach (var s in v[0])
            {
                // With delayed name removal, "by" groups by the name still present (upstream does the same, so
                // series that differ only by a name to be dropped stay apart and collide later); the group drops
                // its name if any member does.
                // The key of an input series is the same at every step: compute it once per series.
                if (!keyCache.TryGetValue((s.Metric, s.DropName), out var key))
                {
                    key = GroupingKey(a.Without ? EffectiveLabels(s) : s.Metric, grouping, a.Without);
                    keyCache[(s.Metric, s.DropName)] = key;
                }

                if (!groups.TryGetValue(key, out var g))
                {
                    g = new Group { Labels = key };
                    groups[key] = g;
                    order.Add(g);
                }

                g.DropName |= s.DropName && key.Has(LabelNames.MetricName);
                g.Samples.Add(s);
            }

            foreach (var g in order)
            {
                AggregateGroup(a.Op, g, k, countLabel, ts, output);
            }
        });
    }

    private static Labels GroupingKey(Labels labels, string[] grouping, bool without)
    {
        var b = new LabelsBuilder(labels);
        if (without)
        {
            b.Delete(grouping);
            b.Delete(LabelNames.MetricName);
        }
        else
        {
            b.Keep(grouping);
        }

        return b.ToLabels();
    }

    private static void AggregateGroup(AggregationOp op, Group g, double param, string? countLabel, long ts, List<Sample> output)
    {
        var floats = g.Samples.Where(s => s.Histogram is null).ToList();
        switch (op)
        {
            case AggregationOp.Topk:
            case AggregationOp.Bottomk:
                {
                    if (param < 1)
                    {
                        return;
                    }

                    var k = param >= int.MaxValue ? int.MaxValue : (int)param;
                    var top = op == AggregationOp.Topk;
                    var sorted = floats.Select((s, i) => (s, i)).OrderBy(x => x, Comparer<(Sample S, int I)>.Create((x, y) =>
                    {
                        var r = CompareForSort(x.S.Value, y.S.Value, top);
                        return r != 0 ? r : x.I.CompareTo(y.I);
                    })).Take(k).Select(x => x.s);
                    output.AddRange(sorted);
                    return;
                }

            case AggregationOp.Limitk:
                if (param < 1)
                {
                    return;
                }

                output.AddRange(g.Samples.Take(param >= int.MaxValue ? int.MaxValue : (int)param));
                return;
            case AggregationOp.LimitRatio:
                foreach (var s in g.Samples)
                {
                    var offset = (double)s.Metric.Hash() / ulong.MaxValue;
                    if (param >= 0 ? offset < param : offset >= 1 + param)
                    {
                        output.Add(s);
                    }
                }

                return;
            case AggregationOp.CountValues:
                {
                    var counts = new Dictionary<string, int>();
                    var order = new List<string>();
                    foreach (var s in floats)
                    {
                        var text = GoFormat.FormatFloat(s.Value);
                        if (!counts.TryAdd(text, 1))
                        {
                            counts[text]++;
                        }
                        else
                        {
                            order.Add(text);
                        }
                    }

                    foreach (var text in order)
                    {
                        output.Add(new Sample(new LabelsBuilder(g.Labels).Set(countLabel!, text).ToLabels(), ts, counts[text], null, g.DropName));
                    }

                    return;
                }
        }

        if (floats.Count == 0)
        {
            if (op is AggregationOp.Count or AggregationOp.Group && g.Samples.Count > 0)
            {
                output.Add(new Sample(g.Labels, ts, op == AggregationOp.Group ? 1 : g.Samples.Count, null, g.DropName));
            }

            return;
        }

        double value;
        switch (op)
        {
            case AggregationOp.Sum:
                {
                    double sum = 0, c = 0;
                    foreach (var s in floats)
                    {
                        sum = KahanSum.Inc(s.Value, sum, ref c);
                    }

                    value = double.IsInfinity(sum) ? sum : sum + c;
                    break;
                }

            case AggregationOp.Avg:
                {
                    var mean = default(RunningMean);
                    foreach (var s in floats)
                    {
                        mean.Add(s.Value);
                    }

                    value = mean.Value;
                    break;
                }
            case AggregationOp.Count:
                value = g.Samples.Count;
                break;
            case AggregationOp.Group:
                value = 1;
                break;
            case AggregationOp.Min:
                value = floats[0].Value;
                foreach (var s in floats)
                {
                    if (value > s.Value || double.IsNaN(value))
                    {
                        value = s.Value;
                    }
                }

                break;
            case AggregationOp.Max:
                value = floats[0].Value;
                foreach (var s in floats)
                {
                    if (value < s.Value || double.IsNaN(value))
                    {
                        value = s.Value;
                    }
                }

                break;
            case AggregationOp.Stddev:
            case AggregationOp.Stdvar:
                {
                    double count = 0, mean = 0, m2 = 0;
                    foreach (var s in floats)
                    {
                        count++;
                        var delta = s.Value - mean;
                        mean += delta / count;
                        m2 += delta * (s.Value - mean);
                    }

                    value = m2 / count;
                    if (op == AggregationOp.Stddev)
                    {
                        value = Math.Sqrt(value);
                    }

                    break;
                }

            case AggregationOp.Quantile:
                value = Quantiles.Quantile(param, floats.Select(s => s.Value).ToArray());
                break;
            default:
                throw new PromQLQueryException($"aggregation {op} is not implemented");
        }

        output.Add(new Sample(g.Labels, ts, value, null, g.DropName));
    }
}
