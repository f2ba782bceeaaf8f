using Pharos.Model;
using Pharos.PromQL.Parser;
using Pharos.Storage;

namespace Pharos.PromQL.Engine;

/// <summary>
/// Evaluates a syntax tree over a range of steps (one step for instant queries), as upstream's <c>evaluator</c>:
/// every instant-vector node yields a matrix with one point per step, built series by series where the node allows
/// it (selectors, range functions) and step by step otherwise. Single-use, not thread-safe.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly QueryContext _query;

    private readonly long[]? _samplesPerStep;

    public Evaluator(QueryContext query, long startMs, long endMs, long intervalMs, bool perStepStats = false)
    {
        _query = query;
        StartMs = startMs;
        EndMs = endMs;
        IntervalMs = intervalMs;

        // Every series this evaluator produces may hold a point per step, and per-step buffers are sized by the step
        // count: more steps than the sample limit (a subquery such as [1y:1ms]) would exhaust memory before any
        // per-series check runs, so fail as upstream does when the points pile up.
        if (((endMs - startMs) / intervalMs) + 1 > Math.Min(query.Options.MaxSamples, int.MaxValue - 1))
        {
            throw QueryContext.TooManySamples();
        }

        _samplesPerStep = perStepStats ? new long[StepCount] : null;
    }

    /// <summary>The samples processed so far (upstream <c>totalQueryableSamples</c>), subqueries included.</summary>
    public long QueryableSamples { get; private set; }

    public long StartMs { get; }

    public long EndMs { get; }

    public long IntervalMs { get; }

    public int StepCount => (int)(((EndMs - StartMs) / IntervalMs) + 1);

    private Annotations Annotations => _query.Annotations;

    /// <summary>Evaluates a node: a string, or a matrix (scalars as one unlabelled series).</summary>
    public object Eval(Expr expr)
    {
        _query.CheckCancellation();
        switch (expr)
        {
            case NumberLiteral n:
                return ConstantScalar(n.Value);
            case StringLiteral s:
                return s.Value;
            case ParenExpr p:
                return Eval(p.Expr);
            case UnaryExpr u:
                return EvalUnary(u);
            case BinaryExpr b:
                return EvalBinary(b);
            case AggregateExpr a:
                return EvalAggregate(a);
            case Call c:
                return EvalCall(c);
            case VectorSelector vs:
                return EvalVectorSelector(vs);
            case MatrixSelector ms:
                return EvalMatrixSelectorAsResult(ms);
            case SubqueryExpr sq:
                return EvalSubqueryAsResult(sq);
            case DurationExpr d:
                return ConstantScalar(d.EvaluateSeconds(IntervalMs / 1000.0, (_query.EndMs - _query.StartMs) / 1000.0));
            default:
                throw new PromQLQueryException($"unhandled expression of type {expr.GetType().Name}");
        }
    }

    /// <summary>The processed samples per step, or null unless per-step statistics were asked for.</summary>
    public IReadOnlyList<StepSamples>? SamplesPerStep()
    {
        if (_samplesPerStep is null)
        {
            return null;
        }

        var result = new StepSamples[_samplesPerStep.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new StepSamples(StartMs + (i * IntervalMs), _samplesPerStep[i]);
        }

        return result;
    }

    /// <summary>Counts samples processed for the step at <paramref name="ts"/>.</summary>
    private void CountSamples(long ts, long count)
    {
        QueryableSamples += count;
        if (_samplesPerStep is not null)
        {
            _samplesPerStep[StepIndex(Math.Clamp(ts, StartMs, EndMs))] += count;
        }
    }

    /// <summary>Counts one processed sample per point of a selector's output, at the point's step.</summary>
    private void CountPoints(Series s)
    {
        if (_samplesPerStep is null)
        {
            QueryableSamples += s.PointCount;
            return;
        }

        foreach (var p in s.Floats)
        {
            CountSamples(p.TimestampMs, 1);
        }

        foreach (var p in s.Histograms)
        {
            CountSamples(p.TimestampMs, 1);
        }
    }

    /// <summary>Evaluates a node that must produce a matrix (instant vector or scalar).</summary>
    public List<Series> EvalMatrix(Expr expr) =>
        Eval(expr) as List<Series> ?? throw new PromQLQueryException($"unexpected string value for {expr}");

    private List<Series> ConstantScalar(double value)
    {
        var s = new Series(Labels.Empty);
        for (var ts = StartMs; ts <= EndMs; ts += IntervalMs)
        {
            s.Floats.Add(new FPoint(ts, value));
        }

        return [s];
    }

    /// <summary>The per-step values of a scalar-typed node.</summary>
    private double[] EvalScalarSteps(Expr expr)
    {
        var values = new double[StepCount];
        Array.Fill(values, double.NaN);
        var m = EvalMatrix(expr);
        if (m.Count > 0)
        {
            foreach (var p in m[0].Floats)
            {
                values[StepIndex(p.TimestampMs)] = p.Value;
            }
        }

        return values;
    }

    private int StepIndex(long ts) => (int)((ts - StartMs) / IntervalMs);

    private List<Series> EvalUnary(UnaryExpr u)
    {
        var m = EvalMatrix(u.Expr);
        if (u.Op != UnaryOp.Minus)
        {
            return m;
        }

        foreach (var s in m)
        {
            for (var i = 0; i < s.Floats.Count; i++)
            {
                s.Floats[i] = s.Floats[i] with { Value = -s.Floats[i].Value };
            }

            for (var i = 0; i < s.Histograms.Count; i++)
            {
                s.Histograms[i] = s.Histograms[i] with { Histogram = Negate(s.Histograms[i].Histogram) };
            }

            if (u.Expr.Type == Parser.ValueType.Vector)
            {
                DropName(s);
            }
        }

        return m;
    }

    private static FloatHistogram Negate(FloatHistogram h)
    {
        var c = h.Copy();
        c.Count = -c.Count;
        c.Sum = -c.Sum;
        c.ZeroCount = -c.ZeroCount;
        for (var i = 0; i < c.PositiveBuckets.Length; i++)
        {
            c.PositiveBuckets[i] = -c.PositiveBuckets[i];
        }

        for (var i = 0; i < c.NegativeBuckets.Length; i++)
        {
            c.NegativeBuckets[i] = -c.NegativeBuckets[i];
        }

        return c;
    }

    /// <summary>Marks the series for name removal (delayed) or removes the name now.</summary>
    private void DropName(Series s)
    {
        if (_query.DelayedNameRemoval)
        {
            s.DropName = true;
        }
        else
        {
            s.Metric = WithoutName(s.Metric);
        }
    }

    /// <summary>The labels without the metric name and the type and unit metadata labels that go with it.</summary>
    internal static Labels WithoutName(Labels labels)
    {
        if (!labels.Has(LabelNames.MetricName) && !labels.Has("__type__") && !labels.Has("__unit__"))
        {
            return labels;
        }

        return new LabelsBuilder(labels).Delete(LabelNames.MetricName, "__type__", "__unit__").ToLabels();
    }

    /// <summary>The labels a sample is matched and grouped by: the name is gone already if it is to be dropped.</summary>
    internal static Labels EffectiveLabels(in Sample s) => s.DropName ? WithoutName(s.Metric) : s.Metric;

    /// <summary>
    /// Upstream's <c>rangeEval</c>: evaluates the arguments, then calls <paramref name="step"/> once per step with
    /// each argument's vector at that step, collecting the outputs into series. Outputs keep their order for a
    /// single step (an instant query), which <c>sort</c> and <c>topk</c> rely on.
    /// </summary>
    private List<Series> RangeEval(Expr?[] args, Action<long, List<Sample>[], List<Sample>> step)
    {
        var matrices = new List<Series>?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is { Type: not Parser.ValueType.String } a)
            {
                matrices[i] = EvalMatrix(a);
            }
        }

        return RangeEval(matrices, step);
    }

    /// <summary><see cref="RangeEval(Expr?[], Action{long, List{Sample}[], List{Sample}})"/> over evaluated arguments (null for strings).</summary>
    private List<Series> RangeEval(List<Series>?[] matrices, Action<long, List<Sample>[], List<Sample>> step)
    {
        var args = matrices;
        var vectors = new List<Sample>[args.Length];
        var cursors = new (int F, int H)[args.Length][];
        for (var i = 0; i < args.Length; i++)
        {
            vectors[i] = [];
            cursors[i] = new (int, int)[matrices[i]?.Count ?? 0];
        }

        var output = new List<Sample>();
        var result = new List<Series>();
        var index = new Dictionary<Labels, Series>();
        for (var ts = StartMs; ts <= EndMs; ts += IntervalMs)
        {
            _query.CheckCancellation();
            for (var i = 0; i < args.Length; i++)
            {
                vectors[i].Clear();
                if (matrices[i] is not { } m)
                {
                    continue;
                }

                for (var k = 0; k < m.Count; k++)
                {
                    var s = m[k];
                    ref var c = ref cursors[i][k];
                    while (c.F < s.Floats.Count && s.Floats[c.F].TimestampMs < ts)
                    {
                        c.F++;
                    }

                    if (c.F < s.Floats.Count && s.Floats[c.F].TimestampMs == ts)
                    {
                        vectors[i].Add(new Sample(s.Metric, ts, s.Floats[c.F].Value, null, s.DropName));
                        continue;
                    }

                    while (c.H < s.Histograms.Count && s.Histograms[c.H].TimestampMs < ts)
                    {
                        c.H++;
                    }

                    if (c.H < s.Histograms.Count && s.Histograms[c.H].TimestampMs == ts)
                    {
                        vectors[i].Add(new Sample(s.Metric, ts, 0, s.Histograms[c.H].Histogram, s.DropName));
                    }
                }
            }

            output.Clear();
            step(ts, vectors, output);
            _query.AddSamples(output.Count);
            foreach (var o in output)
            {
                if (!index.TryGetValue(o.Metric, out var series))
                {
                    series = new Series(o.Metric) { DropName = o.DropName };
                    index[o.Metric] = series;
                    result.Add(series);
                }
                else if (series.PointCount > 0 && LastTimestamp(series) == ts)
                {
                    throw new PromQLQueryException("vector cannot contain metrics with the same labelset");
                }

                if (o.Histogram is null)
                {
                    series.Floats.Add(new FPoint(ts, o.Value));
                }
                else
                {
                    series.Histograms.Add(new HPoint(ts, o.Histogram));
                }
            }
        }

        return result;
    }

    private static long LastTimestamp(Series s)
    {
        var f = s.Floats.Count > 0 ? s.Floats[^1].TimestampMs : long.MinValue;
        var h = s.Histograms.Count > 0 ? s.Histograms[^1].TimestampMs : long.MinValue;
        return Math.Max(f, h);
    }

    /// <summary>Removes names marked for removal and rejects series that become indistinguishable (upstream <c>cleanupMetricLabels</c>).</summary>
    public List<Series> CleanupNames(List<Series> matrix)
    {
        if (!matrix.Any(s => s.DropName))
        {
            return matrix;
        }

        var merged = new Dictionary<Labels, Series>();
        var result = new List<Series>();
        foreach (var s in matrix)
        {
            if (s.DropName)
            {
                s.Metric = WithoutName(s.Metric);
                s.DropName = false;
            }

            if (!merged.TryGetValue(s.Metric, out var existing))
            {
                merged[s.Metric] = s;
                result.Add(s);
                continue;
            }

            // Series that became equal may share the result only if they never have a point at the same step.
            var times = existing.Floats.Select(p => p.TimestampMs).Concat(existing.Histograms.Select(p => p.TimestampMs)).ToHashSet();
            if (s.Floats.Any(p => times.Contains(p.TimestampMs)) || s.Histograms.Any(p => times.Contains(p.TimestampMs)))
            {
                throw new PromQLQueryException("vector cannot contain metrics with the same labelset");
            }

            existing.Floats.AddRange(s.Floats);
            existing.Floats.Sort(static (a, b) => a.TimestampMs.CompareTo(b.TimestampMs));
            existing.Histograms.AddRange(s.Histograms);
            existing.Histograms.Sort(static (a, b) => a.TimestampMs.CompareTo(b.TimestampMs));
        }

        return result;
    }
}
