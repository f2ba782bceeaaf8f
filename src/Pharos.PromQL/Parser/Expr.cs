namespace Pharos.PromQL.Parser;

/// <summary>
/// A node of the PromQL syntax tree. Nodes are immutable records (rewrite with <c>with</c>); every node knows where
/// it came from and what it evaluates to. <see cref="ToString"/> prints canonical PromQL as upstream's
/// <c>String()</c>.
/// </summary>
public abstract record Expr
{
    /// <summary>Where the node was written in the query.</summary>
    public PositionRange Position { get; init; }

    /// <summary>The value type the node evaluates to.</summary>
    public abstract ValueType Type { get; }

    /// <summary>The node printed as canonical PromQL.</summary>
    /// <returns>The PromQL text.</returns>
    public sealed override string ToString() => PromQLPrinter.Format(this);
}
