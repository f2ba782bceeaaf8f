using System.Runtime.InteropServices;
using Pharos.Model;
using Pharos.PromQL.Functions;
using Pharos.PromQL.Parser;

namespace Pharos.PromQL.Engine;

internal sealed partial class Evaluator
{
    /// <summary>
    /// The aggregations that fold each group into one float per step without looking at the group as a whole, so a
    /// running <see cref="Accumulator"/> per group replaces the per-step vectors of <see cref="RangeEval(List{Series}?[], Action{long, List{Sample}[], List{Sample}})"/>.
    /// </summary>
    private static bool IsStreamingAggregation(AggregationOp op) =>
        op is AggregationOp.Sum or AggregationOp.Avg or AggregationOp.Count or AggregationOp.Group
            or AggregationOp.Min or AggregationOp.Max or AggregationOp.Stddev or AggregationOp.Stdvar;

    /// <summary>
    /// Evaluates a streaming aggregation over float series: each input series' group is computed once, then every step
    /// walks the series' points with a cursor and folds them into the group's accumulator in input order, which gives
    /// the same sums as upstream's per-step evaluation without building a vector per step. Returns null when the input
    /// needs the general path (histograms, or a group whose name removal differs between its members).
    /// </summary>
    private List<Series>? TryAggregateStreaming(AggregationOp op, List<Series> input, string[] grouping, bool without)
    {
        var groupOf = new int[input.Count];
        var keys = new List<Labels>();
        var dropName = new List<bool>();
        var keepName = new List<bool>();
        var index = new Dictionary<Labels, int>();
        for (var i = 0; i < input.Count; i++)
        {
            var s = input[i];
            if (s.Histograms.Count > 0)
            {
                return null;
            }

            var key = GroupingKey(without && s.DropName ? WithoutName(s.Metric) : s.Metric, grouping, without);
            if (!index.TryGetValue(key, out var g))
            {
                g = keys.Count;
                index[key] = g;
                keys.Add(key);
                dropName.Add(false);
                keepName.Add(false);
            }

            groupOf[i] = g;
            if (key.Has(LabelNames.MetricName))
            {
                // Per step, a group drops its name if any member present then does: uniform members make that constant.
                dropName[g] |= s.DropName;
                keepName[g] |= !s.DropName;
                if (dropName[g] && keepName[g])
                {
                    return null;
                }
            }
        }

        var accumulators = new Accumulator[keys.Count];
        var output = new Series?[keys.Count];
        var touched = new List<int>(keys.Count);
        var cursors = new int[input.Count];
        var result = new List<Series>();
        for (var ts = StartMs; ts <= EndMs; ts += IntervalMs)
        {
            _query.CheckCancellation();
            touched.Clear();
            for (var k = 0; k < input.Count; k++)
            {
                var points = CollectionsMarshal.AsSpan(input[k].Floats);
                var c = cursors[k];
                while (c < points.Length && points[c].TimestampMs < ts)
                {
                    c++;
                }

                cursors[k] = c;
                if (c < points.Length && points[c].TimestampMs == ts)
                {
                    ref var acc = ref accumulators[groupOf[k]];
                    if (acc.Count == 0)
                    {
                        touched.Add(groupOf[k]);
                    }

                    acc.Add(op, points[c].Value);
                }
            }

            // Groups are emitted in the order of their first member at this step, as the per-step evaluation does.
            foreach (var g in touched)
            {
                if (output[g] is not { } series)
                {
                    series = new Series(keys[g]) { DropName = dropName[g] };
                    output[g] = series;
                    result.Add(series);
                }

                series.Floats.Add(new FPoint(ts, accumulators[g].Result(op)));
                accumulators[g] = default;
            }

            _query.AddSamples(touched.Count);
        }

        return result;
    }

    /// <summary>The running state of one group at one step; the default value is an empty group.</summary>
    private struct Accumulator
    {
        public double Count;
        private double _value;
        private double _compensation;
        private double _mean;
        private RunningMean _average;

        /// <summary>Folds in the next member's value, exactly as the whole-group computation does in member order.</summary>
        public void Add(AggregationOp op, double v)
        {
            Count++;
            switch (op)
            {
                case AggregationOp.Sum:
                    _value = KahanSum.Inc(v, _value, ref _compensation);
                    break;
                case AggregationOp.Avg:
                    _average.Add(v);
                    break;
                case AggregationOp.Min:
                    if (Count == 1 || _value > v || double.IsNaN(_value))
                    {
                        _value = v;
                    }

                    break;
                case AggregationOp.Max:
                    if (Count == 1 || _value < v || double.IsNaN(_value))
                    {
                        _value = v;
                    }

                    break;
                case AggregationOp.Stddev:
                case AggregationOp.Stdvar:
                    {
                        // Welford's online variance: _mean is the running mean, _value the sum of squared deviations.
                        var delta = v - _mean;
                        _mean += delta / Count;
                        _value += delta * (v - _mean);
                        break;
                    }
            }
        }

        public readonly double Result(AggregationOp op) => op switch
        {
            AggregationOp.Sum => double.IsInfinity(_value) ? _value : _value + _compensation,
            AggregationOp.Avg => _average.Value,
            AggregationOp.Count => Count,
            AggregationOp.Group => 1,
            AggregationOp.Stddev => Math.Sqrt(_value / Count),
            AggregationOp.Stdvar => _value / Count,
            _ => _value,
        };
    }
}
