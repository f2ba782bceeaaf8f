using Pharos.Model;
using Pharos.PromQL.Parser;

namespace Pharos.PromQL.Engine;

internal sealed partial class Evaluator
{
    private static bool IsComparison(BinaryOp op) => op is BinaryOp.Eql or BinaryOp.Neq or BinaryOp.Gtr or BinaryOp.Lss or BinaryOp.Gte or BinaryOp.Lte;

    private static bool DropsName(BinaryOp op) =>
        op is BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div or BinaryOp.Mod or BinaryOp.Pow or BinaryOp.Atan2;

    /// <summary>Applies a float operator; for comparisons the result is the left value and whether the comparison holds.</summary>
    private static (double Value, bool Keep) Apply(BinaryOp op, double l, double r) => op switch
    {
        BinaryOp.Add => (l + r, true),
        BinaryOp.Sub => (l - r, true),
        BinaryOp.Mul => (l * r, true),
        BinaryOp.Div => (l / r, true),
        BinaryOp.Mod => (l % r, true),
        BinaryOp.Pow => (Math.Pow(l, r), true),
        BinaryOp.Atan2 => (Math.Atan2(l, r), true),
        BinaryOp.Eql => (l, l == r),
        BinaryOp.Neq => (l, l != r),
        BinaryOp.Gtr => (l, l > r),
        BinaryOp.Lss => (l, l < r),
        BinaryOp.Gte => (l, l >= r),
        BinaryOp.Lte => (l, l <= r),
        _ => (double.NaN, false),
    };

    private object EvalBinary(BinaryExpr b)
    {
        var lt = b.Lhs.Type;
        var rt = b.Rhs.Type;
        if (lt == Parser.ValueType.Scalar && rt == Parser.ValueType.Scalar)
        {
            return ScalarBinary(b.Lhs, b.Rhs, (l, r) =>
            {
                var (v, keep) = Apply(b.Op, l, r);
                return IsComparison(b.Op) ? (keep ? 1 : 0) : v;
            });
        }

        if (lt == Parser.ValueType.Vector && rt == Parser.ValueType.Vector)
        {
            return b.Op switch
            {
                BinaryOp.And or BinaryOp.Or or BinaryOp.Unless => RangeEval([b.Lhs, b.Rhs], (_, v, output) => SetOperation(b, v[0], v[1], output)),
                _ => RangeEval([b.Lhs, b.Rhs], (_, v, output) => VectorBinop(b, v[0], v[1], output)),
            };
        }

        var scalarOnLeft = lt == Parser.ValueType.Scalar;
        return RangeEval([b.Lhs, b.Rhs], (_, v, output) =>
        {
            var vector = scalarOnLeft ? v[1] : v[0];
            var scalar = scalarOnLeft ? v[0] : v[1];
            if (scalar.Count == 0)
            {
                return;
            }

            var sv = scalar[0].Value;
            foreach (var s in vector)
            {
                if (s.Histogram is not null)
                {
                    continue;
                }

                var (l, r) = scalarOnLeft ? (sv, s.Value) : (s.Value, sv);
                var (value, keep) = Apply(b.Op, l, r);
                if (IsComparison(b.Op))
                {
                    // The vector's own value is the result of a filter, whichever side it is on.
                    value = s.Value;
                }

                if (b.ReturnBool)
                {
                    value = keep ? 1 : 0;
                    keep = true;
                }

                if (keep)
                {
                    output.Add(DropsName(b.Op) || b.ReturnBool ? Dropped(s, value) : s with { Value = value });
                }
            }
        });
    }

    private static ulong Signature(in Sample s, VectorMatching? matching)
    {
        // As upstream, a name marked for removal still takes part (through the type and unit labels that go with
        // it): the signature is computed on the labels as they are.
        var labels = s.Metric;
        if (matching is { On: true })
        {
            return labels.HashForLabels(matching.MatchingLabels);
        }

        return labels.HashWithoutLabels([.. matching?.MatchingLabels ?? [], LabelNames.MetricName]);
    }

    private static void SetOperation(BinaryExpr b, List<Sample> lhs, List<Sample> rhs, List<Sample> output)
    {
        var m = b.VectorMatching;
        switch (b.Op)
        {
            case BinaryOp.And:
                {
                    var right = rhs.Select(s => Signature(s, m)).ToHashSet();
                    output.AddRange(lhs.Where(s => right.Contains(Signature(s, m))));
                    break;
                }

            case BinaryOp.Or:
                {
                    var left = lhs.Select(s => Signature(s, m)).ToHashSet();
                    output.AddRange(lhs);
                    output.AddRange(rhs.Where(s => !left.Contains(Signature(s, m))));
                    break;
                }

            default:
                {
                    var right = rhs.Select(s => Signature(s, m)).ToHashSet();
                    output.AddRange(lhs.Where(s => !right.Contains(Signature(s, m))));
                    break;
                }
        }
    }

    private void VectorBinop(BinaryExpr b, List<Sample> lhs, List<Sample> rhs, List<Sample> output)
    {
        var m = b.VectorMatching ?? new VectorMatching();
        var card = m.Card;
        if (card == VectorMatchCardinality.OneToMany)
        {
            (lhs, rhs) = (rhs, lhs);
        }

        // The "one" side: each signature must be unique.
        var rightBySig = new Dictionary<ulong, Sample>();
        foreach (var s in rhs)
        {
            var sig = Signature(s, m);
            if (rightBySig.TryGetValue(sig, out var dup))
            {
                var side = card == VectorMatchCardinality.OneToMany ? "left" : "right";
                throw new PromQLQueryException(
                    $"found duplicate series for the match group {MatchGroup(s, m)} on the {side} hand-side of the operation: [{EffectiveLabels(dup)}, {EffectiveLabels(s)}];many-to-many matching not allowed: matching labels must be unique on one side");
            }

            rightBySig[sig] = s;
        }

        var matchedSigs = card == VectorMatchCardinality.OneToOne ? new HashSet<ulong>() : null;
        var outputLabels = new HashSet<Labels>();

        // NOTE: with group_right the sides are swapped above and the fill values keep referring to the swapped
        // sides, as upstream does: fill_right fills the "one" side, fill_left the "many" side.
        HashSet<ulong>? seenRight = m.FillLeft is null ? null : [];
        foreach (var ls in lhs)
        {
            var sig = Signature(ls, m);
            Sample rs;
            if (rightBySig.TryGetValue(sig, out var found))
            {
                rs = found;
                seenRight?.Add(sig);
            }
            else if (m.FillRight is { } fillRight)
            {
                rs = new Sample(Labels.Empty, ls.TimestampMs, fillRight);
            }
            else
            {
                continue;
            }

            EmitBinop(b, m, ls, rs, sig, matchedSigs, outputLabels, output);
        }

        if (m.FillLeft is { } fillLeft)
        {
            foreach (var rs in rhs)
            {
                var sig = Signature(rs, m);
                if (seenRight!.Contains(sig))
                {
                    continue;
                }

                // The missing side takes the match group's labels of the present side.
                var fake = new Sample(MatchGroupLabels(rs, m), rs.TimestampMs, fillLeft);
                EmitBinop(b, m, fake, rs, sig, matchedSigs, outputLabels, output);
            }
        }
    }

    private void EmitBinop(BinaryExpr b, VectorMatching m, in Sample ls, in Sample rs, ulong sig, HashSet<ulong>? matchedSigs, HashSet<Labels> outputLabels, List<Sample> output)
    {
        var card = m.Card;
        if (ls.Histogram is not null || rs.Histogram is not null)
        {
            return;
        }

        var (vl, vr) = card == VectorMatchCardinality.OneToMany ? (rs.Value, ls.Value) : (ls.Value, rs.Value);
        var (value, keep) = Apply(b.Op, vl, vr);
        if (b.ReturnBool)
        {
            value = keep ? 1 : 0;
            keep = true;
        }

        var metric = ResultMetric(ls, rs, b, m, out var dropName);
        if (matchedSigs is not null)
        {
            if (!matchedSigs.Add(sig))
            {
                throw new PromQLQueryException("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
            }
        }
        else if (!outputLabels.Add(metric))
        {
            throw new PromQLQueryException("multiple matches for labels: grouping labels must ensure unique matches");
        }

        if (keep)
        {
            output.Add(new Sample(metric, ls.TimestampMs, value, null, dropName));
        }
    }

    private static string MatchGroup(in Sample s, VectorMatching m) => MatchGroupLabels(s, m).ToString();

    /// <summary>The labels a sample is matched by: the <c>on</c> labels, or all but the name and the <c>ignoring</c> labels.</summary>
    private static Labels MatchGroupLabels(in Sample s, VectorMatching m)
    {
        var labels = EffectiveLabels(s);
        var b = new LabelsBuilder(labels);
        if (m.On)
        {
            b.Keep(m.MatchingLabels);
        }
        else
        {
            b.Delete([.. m.MatchingLabels, LabelNames.MetricName]);
        }

        return b.ToLabels();
    }

    private Labels ResultMetric(in Sample ls, in Sample rs, BinaryExpr b, VectorMatching m, out bool dropName)
    {
        var labels = ls.DropName ? WithoutName(ls.Metric) : ls.Metric;
        var builder = new LabelsBuilder(labels);
        dropName = false;
        if (DropsName(b.Op) || b.ReturnBool)
        {
            if (_query.DelayedNameRemoval)
            {
                dropName = true;
            }
            else
            {
                builder.Delete(LabelNames.MetricName, "__type__", "__unit__");
            }
        }

        if (m.Card == VectorMatchCardinality.OneToOne)
        {
            if (m.On)
            {
                builder.Keep(m.MatchingLabels);
                dropName = false;
            }
            else
            {
                builder.Delete(m.MatchingLabels);
            }
        }

        foreach (var name in m.Include)
        {
            var value = rs.Metric.Get(name);
            if (value.Length > 0)
            {
                builder.Set(name, value);
            }
            else
            {
                builder.Delete(name);
            }
        }

        return builder.ToLabels();
    }
}
