namespace Pharos.PromQL.Parser;

/// <summary>
/// An experimental duration expression in a range, subquery step or offset (<c>[5m + step()]</c>,
/// <c>offset (2 * 1m)</c>). Operands are <see cref="NumberLiteral"/>s (seconds) or nested duration expressions. The
/// engine evaluates it per query with <see cref="EvaluateSeconds"/>.
/// </summary>
public sealed record DurationExpr : Expr
{
    /// <summary>The operation.</summary>
    public required DurationOp Op { get; init; }

    /// <summary>The left operand; null for unary minus, <c>step()</c> and <c>range()</c>.</summary>
    public Expr? Lhs { get; init; }

    /// <summary>The right operand; null for <c>step()</c> and <c>range()</c>.</summary>
    public Expr? Rhs { get; init; }

    /// <summary>Whether the expression was written in parentheses (and prints with them).</summary>
    public bool Wrapped { get; init; }

    /// <inheritdoc />
    public override ValueType Type => ValueType.Scalar;

    /// <summary>Whether the value does not depend on the query (no <c>step()</c> or <c>range()</c>).</summary>
    public bool IsConstant =>
        Op is not (DurationOp.Step or DurationOp.Range)
        && (Lhs is not DurationExpr l || l.IsConstant)
        && (Rhs is not DurationExpr r || r.IsConstant);

    /// <summary>Evaluates the expression in seconds.</summary>
    /// <param name="stepSeconds">The query step (0 for instant queries).</param>
    /// <param name="rangeSeconds">The query range, end minus start (0 for instant queries).</param>
    /// <returns>The value in seconds.</returns>
    public double EvaluateSeconds(double stepSeconds, double rangeSeconds)
    {
        double Eval(Expr? e) => e switch
        {
            NumberLiteral n => n.Value,
            DurationExpr d => d.EvaluateSeconds(stepSeconds, rangeSeconds),
            ParenExpr p => Eval(p.Expr),
            _ => 0,
        };

        return Op switch
        {
            DurationOp.Step => stepSeconds,
            DurationOp.Range => rangeSeconds,
            DurationOp.Add => Eval(Lhs) + Eval(Rhs),
            DurationOp.Sub => Lhs is null ? -Eval(Rhs) : Eval(Lhs) - Eval(Rhs),
            DurationOp.Mul => Eval(Lhs) * Eval(Rhs),
            DurationOp.Div => Eval(Lhs) / Eval(Rhs),
            DurationOp.Mod => Eval(Lhs) % Eval(Rhs),
            DurationOp.Pow => Math.Pow(Eval(Lhs), Eval(Rhs)),
            DurationOp.MinOf => Math.Min(Eval(Lhs), Eval(Rhs)),
            _ => Math.Max(Eval(Lhs), Eval(Rhs)),
        };
    }
}
