namespace Pharos.PromQL.Parser;

/// <summary>The operation of a <see cref="DurationExpr"/> (experimental duration expressions).</summary>
public enum DurationOp : byte
{
    /// <summary><c>a + b</c></summary>
    Add,

    /// <summary><c>a - b</c>, or unary <c>-b</c> when the left side is absent.</summary>
    Sub,

    /// <summary><c>a * b</c></summary>
    Mul,

    /// <summary><c>a / b</c></summary>
    Div,

    /// <summary><c>a % b</c></summary>
    Mod,

    /// <summary><c>a ^ b</c></summary>
    Pow,

    /// <summary><c>step()</c>: the query step.</summary>
    Step,

    /// <summary><c>range()</c>: the query range (end minus start).</summary>
    Range,

    /// <summary><c>min_of(a, b)</c></summary>
    MinOf,

    /// <summary><c>max_of(a, b)</c></summary>
    MaxOf,
}
