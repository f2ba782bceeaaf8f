namespace Pharos.PromQL.Parser;

/// <summary>A subquery <c>expr[range:step] @ t offset d</c>.</summary>
public sealed record SubqueryExpr : Expr
{
    /// <summary>The inner instant-vector expression.</summary>
    public required Expr Expr { get; init; }

    /// <summary>The range in milliseconds (the value of <see cref="RangeExpr"/> when constant).</summary>
    public long RangeMs { get; init; }

    /// <summary>A duration expression given as the range, or null.</summary>
    public DurationExpr? RangeExpr { get; init; }

    /// <summary>The step in milliseconds; 0 when omitted (<c>[1h:]</c>), meaning the engine's default.</summary>
    public long StepMs { get; init; }

    /// <summary>A duration expression given as the step, or null.</summary>
    public DurationExpr? StepExpr { get; init; }

    /// <summary>The offset in milliseconds as written.</summary>
    public long OffsetMs { get; init; }

    /// <summary>A duration expression given as the offset, or null.</summary>
    public DurationExpr? OffsetExpr { get; init; }

    /// <summary>The <c>@</c> timestamp in milliseconds, or null.</summary>
    public long? TimestampMs { get; init; }

    /// <summary><c>@ start()</c> or <c>@ end()</c>.</summary>
    public AtModifier At { get; init; }

    /// <inheritdoc />
    public override ValueType Type => ValueType.Matrix;
}
