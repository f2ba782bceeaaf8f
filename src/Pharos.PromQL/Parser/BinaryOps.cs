namespace Pharos.PromQL.Parser;

/// <summary>Properties of <see cref="BinaryOp"/> values.</summary>
public static class BinaryOps
{
    /// <summary>The operator as written in PromQL.</summary>
    /// <param name="op">The operator.</param>
    /// <returns>The text, e.g. <c>+</c> or <c>unless</c>.</returns>
    public static string Text(this BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Sub => "-",
        BinaryOp.Mul => "*",
        BinaryOp.Div => "/",
        BinaryOp.Mod => "%",
        BinaryOp.Pow => "^",
        BinaryOp.Atan2 => "atan2",
        BinaryOp.Eql => "==",
        BinaryOp.Neq => "!=",
        BinaryOp.Gtr => ">",
        BinaryOp.Lss => "<",
        BinaryOp.Gte => ">=",
        BinaryOp.Lte => "<=",
        BinaryOp.And => "and",
        BinaryOp.Or => "or",
        BinaryOp.Unless => "unless",
        BinaryOp.TrimUpper => "</",
        _ => ">/",
    };

    /// <summary>Whether the operator is a comparison (<c>== != &gt; &lt; &gt;= &lt;=</c>), which filters unless <c>bool</c> is given.</summary>
    /// <param name="op">The operator.</param>
    /// <returns>True for comparisons.</returns>
    public static bool IsComparison(this BinaryOp op) => op is >= BinaryOp.Eql and <= BinaryOp.Lte;

    /// <summary>Whether the operator is a set operator (<c>and or unless</c>), always many-to-many.</summary>
    /// <param name="op">The operator.</param>
    /// <returns>True for set operators.</returns>
    public static bool IsSetOperator(this BinaryOp op) => op is BinaryOp.And or BinaryOp.Or or BinaryOp.Unless;

    /// <summary>
    /// Binding strength, higher binds tighter, as upstream's grammar: <c>or</c> 1, <c>and unless</c> 2,
    /// comparisons 3, <c>+ -</c> 4, <c>* / % atan2 &lt;/ &gt;/</c> 5, <c>^</c> 6.
    /// </summary>
    /// <param name="op">The operator.</param>
    /// <returns>The precedence.</returns>
    public static int Precedence(this BinaryOp op) => op switch
    {
        BinaryOp.Or => 1,
        BinaryOp.And or BinaryOp.Unless => 2,
        BinaryOp.Eql or BinaryOp.Neq or BinaryOp.Gtr or BinaryOp.Lss or BinaryOp.Gte or BinaryOp.Lte => 3,
        BinaryOp.Add or BinaryOp.Sub => 4,
        BinaryOp.Pow => 6,
        _ => 5,
    };

    /// <summary>Whether the operator groups to the right (only <c>^</c>).</summary>
    /// <param name="op">The operator.</param>
    /// <returns>True for <c>^</c>.</returns>
    public static bool IsRightAssociative(this BinaryOp op) => op == BinaryOp.Pow;
}
