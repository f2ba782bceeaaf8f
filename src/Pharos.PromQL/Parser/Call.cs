namespace Pharos.PromQL.Parser;

/// <summary>A function call.</summary>
public sealed record Call : Expr
{
    /// <summary>The function, from <see cref="PromQLFunctions"/>.</summary>
    public required PromQLFunction Function { get; init; }

    /// <summary>The arguments.</summary>
    public required Expr[] Args { get; init; }

    /// <inheritdoc />
    public override ValueType Type => Function.ReturnType;
}
