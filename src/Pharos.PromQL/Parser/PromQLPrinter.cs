using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Pharos.Model;
using MatchType = Pharos.Model.MatchType;

namespace Pharos.PromQL.Parser;

/// <summary>
/// Prints a syntax tree as canonical PromQL, as upstream's <c>String()</c> does (used by
/// <c>/api/v1/format_query</c> and in messages): one space around binary operators, <c>@</c> before
/// <c>offset</c>, matchers sorted, durations normalised (<c>90s</c> → <c>1m30s</c>), numbers in shortest form.
/// </summary>
public static class PromQLPrinter
{
    /// <summary>Formats <paramref name="expr"/> on one line.</summary>
    /// <param name="expr">The tree.</param>
    /// <returns>The PromQL text.</returns>
    public static string Format(Expr expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var sb = new StringBuilder();
        Write(sb, expr);
        return sb.ToString();
    }

    /// <summary>Appends <paramref name="expr"/> formatted on one line.</summary>
    /// <param name="sb">The destination.</param>
    /// <param name="expr">The tree.</param>
    public static void Write(StringBuilder sb, Expr expr)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expr)
        {
            case AggregateExpr a:
                sb.Append(a.Op.Name());
                if (a.Without)
                {
                    sb.Append(" without (");
                    WriteLabels(sb, a.Grouping);
                    sb.Append(") ");
                }
                else if (a.Grouping.Length > 0)
                {
                    sb.Append(" by (");
                    WriteLabels(sb, a.Grouping);
                    sb.Append(") ");
                }

                sb.Append('(');
                if (a.Param is not null)
                {
                    Write(sb, a.Param);
                    sb.Append(", ");
                }

                Write(sb, a.Expr);
                sb.Append(')');
                break;
            case BinaryExpr b:
                Write(sb, b.Lhs);
                sb.Append(' ').Append(b.Op.Text());
                if (b.ReturnBool)
                {
                    sb.Append(" bool");
                }

                WriteMatching(sb, b.VectorMatching);
                sb.Append(' ');
                Write(sb, b.Rhs);
                break;
            case Call c:
                sb.Append(c.Function.Name).Append('(');
                for (var i = 0; i < c.Args.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    Write(sb, c.Args[i]);
                }

                sb.Append(')');
                break;
            case MatrixSelector m:
                {
                    var vs = m.VectorSelector;
                    WriteSelectorBody(sb, vs);
                    sb.Append('[');
                    WriteDuration(sb, m.RangeMs, m.RangeExpr);
                    sb.Append(']');
                    WriteAtOffset(sb, vs.TimestampMs, vs.At, vs.OffsetMs, vs.OffsetExpr);
                    WriteRangeModifiers(sb, vs);
                    break;
                }

            case SubqueryExpr s:
                Write(sb, s.Expr);
                sb.Append('[');
                WriteDuration(sb, s.RangeMs, s.RangeExpr);
                sb.Append(':');
                if (s.StepExpr is not null)
                {
                    Write(sb, s.StepExpr);
                }
                else if (s.StepMs != 0)
                {
                    sb.Append(PrometheusDuration.Format(TimeSpan.FromMilliseconds(s.StepMs)));
                }

                sb.Append(']');
                WriteAtOffset(sb, s.TimestampMs, s.At, s.OffsetMs, s.OffsetExpr);
                break;
            case NumberLiteral n:
                if (n.IsDuration)
                {
                    var ms = DurationMs(n.Value);
                    sb.Append(ms < 0 ? "-" : "").Append(PrometheusDuration.Format(TimeSpan.FromMilliseconds(Math.Abs(ms))));
                }
                else
                {
                    sb.Append(GoFormat.FormatFloat(n.Value));
                }

                break;
            case ParenExpr p:
                sb.Append('(');
                Write(sb, p.Expr);
                sb.Append(')');
                break;
            case StringLiteral s:
                GoFormat.AppendQuoted(sb, s.Value);
                break;
            case UnaryExpr u:
                sb.Append(u.Op == UnaryOp.Minus ? '-' : '+');
                Write(sb, u.Expr);
                break;
            case VectorSelector v:
                WriteSelectorBody(sb, v);
                WriteAtOffset(sb, v.TimestampMs, v.At, v.OffsetMs, v.OffsetExpr);
                WriteRangeModifiers(sb, v);
                break;
            case DurationExpr d:
                WriteDurationExpr(sb, d);
                break;
            default:
                throw new ArgumentException($"Unknown node type {expr.GetType().Name}.", nameof(expr));
        }
    }

    private static long DurationMs(double seconds)
    {
        var ms = seconds * 1000;
        return double.IsNaN(ms) ? 0 : ms >= long.MaxValue ? long.MaxValue : ms <= long.MinValue + 1 ? long.MinValue + 1 : (long)ms;
    }

    private static void WriteDurationExpr(StringBuilder sb, DurationExpr d)
    {
        if (d.Wrapped)
        {
            sb.Append('(');
        }

        switch (d.Op)
        {
            case DurationOp.Step:
                sb.Append("step()");
                break;
            case DurationOp.Range:
                sb.Append("range()");
                break;
            case DurationOp.MinOf or DurationOp.MaxOf:
                sb.Append(d.Op == DurationOp.MinOf ? "min_of(" : "max_of(");
                Write(sb, d.Lhs!);
                sb.Append(", ");
                Write(sb, d.Rhs!);
                sb.Append(')');
                break;
            default:
                var op = d.Op switch
                {
                    DurationOp.Add => "+",
                    DurationOp.Sub => "-",
                    DurationOp.Mul => "*",
                    DurationOp.Div => "/",
                    DurationOp.Mod => "%",
                    _ => "^",
                };
                if (d.Lhs is null)
                {
                    sb.Append(op);
                    Write(sb, d.Rhs!);
                }
                else
                {
                    Write(sb, d.Lhs);
                    sb.Append(' ').Append(op).Append(' ');
                    Write(sb, d.Rhs!);
                }

                break;
        }

        if (d.Wrapped)
        {
            sb.Append(')');
        }
    }

    private static void WriteDuration(StringBuilder sb, long ms, DurationExpr? expr)
    {
        if (expr is not null)
        {
            Write(sb, expr);
        }
        else
        {
            sb.Append(ms < 0 ? "-" : "").Append(PrometheusDuration.Format(TimeSpan.FromMilliseconds(Math.Abs(ms))));
        }
    }

    private static void WriteSelectorBody(StringBuilder sb, VectorSelector v)
    {
        var legacyName = v.Name.Length > 0 && NameValidation.IsLegacyMetricName(v.Name);
        var parts = new List<string>(v.Matchers.Length);
        foreach (var m in v.Matchers)
        {
            // The name matcher is implied by the name, except for an explicit empty name.
            if (m.Name == "__name__" && m.Type == MatchType.Equal && m.Value == v.Name && m.Value.Length > 0)
            {
                continue;
            }

            parts.Add(m.ToString());
        }

        parts.Sort(string.CompareOrdinal);
        if (legacyName)
        {
            sb.Append(v.Name);
        }
        else if (v.Name.Length > 0)
        {
            // A UTF-8 metric name goes inside the braces as a bare quoted string: {"my.metric", a="b"}.
            parts.Insert(0, GoFormat.Quote(v.Name));
        }

        if (parts.Count > 0)
        {
            sb.Append('{').AppendJoin(',', parts).Append('}');
        }
    }

    private static void WriteAtOffset(StringBuilder sb, long? timestampMs, AtModifier at, long offsetMs, DurationExpr? offsetExpr)
    {
        if (timestampMs is { } ts)
        {
            sb.Append(" @ ").Append((ts / 1000.0).ToString("F3", CultureInfo.InvariantCulture));
        }
        else if (at == AtModifier.Start)
        {
            sb.Append(" @ start()");
        }
        else if (at == AtModifier.End)
        {
            sb.Append(" @ end()");
        }

        if (offsetExpr is not null)
        {
            sb.Append(" offset ");
            Write(sb, offsetExpr);
        }
        else if (offsetMs > 0)
        {
            sb.Append(" offset ").Append(PrometheusDuration.Format(TimeSpan.FromMilliseconds(offsetMs)));
        }
        else if (offsetMs < 0)
        {
            sb.Append(" offset -").Append(PrometheusDuration.Format(TimeSpan.FromMilliseconds(-offsetMs)));
        }
    }

    private static void WriteRangeModifiers(StringBuilder sb, VectorSelector v)
    {
        if (v.Anchored)
        {
            sb.Append(" anchored");
        }

        if (v.Smoothed)
        {
            sb.Append(" smoothed");
        }
    }

    private static void WriteMatching(StringBuilder sb, VectorMatching? vm)
    {
        if (vm is null)
        {
            return;
        }

        if (vm.MatchingLabels.Length > 0 || vm.On)
        {
            sb.Append(vm.On ? " on (" : " ignoring (");
            WriteLabels(sb, vm.MatchingLabels);
            sb.Append(')');
            if (vm.Card is VectorMatchCardinality.ManyToOne or VectorMatchCardinality.OneToMany)
            {
                sb.Append(vm.Card == VectorMatchCardinality.ManyToOne ? " group_left (" : " group_right (");
                WriteLabels(sb, vm.Include);
                sb.Append(')');
            }
        }

        if (vm.FillLeft is { } l && vm.FillRight is { } r && (l.Equals(r)))
        {
            sb.Append(" fill(").Append(GoFormat.FormatFloat(l)).Append(')');
            return;
        }

        if (vm.FillLeft is { } left)
        {
            sb.Append(" fill_left(").Append(GoFormat.FormatFloat(left)).Append(')');
        }

        if (vm.FillRight is { } right)
        {
            sb.Append(" fill_right(").Append(GoFormat.FormatFloat(right)).Append(')');
        }
    }

    // Upstream quotes labels that are not valid legacy metric names (so "a:b" stays bare).
    private static void WriteLabels(StringBuilder sb, string[] labels)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            if (NameValidation.IsLegacyMetricName(labels[i]))
            {
                sb.Append(labels[i]);
            }
            else
            {
                GoFormat.AppendQuoted(sb, labels[i]);
            }
        }
    }
}
