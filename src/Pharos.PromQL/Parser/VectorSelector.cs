using Pharos.Model;

namespace Pharos.PromQL.Parser;

/// <summary>
/// An instant vector selector: <c>name{matchers} @ t offset d</c>. <see cref="Matchers"/> holds every matcher the
/// storage must apply, including <c>__name__="name"</c> for a name written outside the braces (last, as upstream).
/// </summary>
public sealed record VectorSelector : Expr
{
    /// <summary>The metric name written outside the braces or as a bare quoted string inside them; empty otherwise.</summary>
    public string Name { get; init; } = "";

    /// <summary>All label matchers, including the name matcher.</summary>
    public required Matcher[] Matchers { get; init; }

    /// <summary>The offset in milliseconds as written (negative for <c>offset -5m</c>); the value of <see cref="OffsetExpr"/> when that is constant.</summary>
    public long OffsetMs { get; init; }

    /// <summary>A duration expression given as the offset (<c>offset (1m + step())</c>), or null.</summary>
    public DurationExpr? OffsetExpr { get; init; }

    /// <summary>The <c>@</c> timestamp in milliseconds, or null.</summary>
    public long? TimestampMs { get; init; }

    /// <summary><c>@ start()</c> or <c>@ end()</c>.</summary>
    public AtModifier At { get; init; }

    /// <summary>The experimental <c>anchored</c> modifier.</summary>
    public bool Anchored { get; init; }

    /// <summary>The experimental <c>smoothed</c> modifier.</summary>
    public bool Smoothed { get; init; }

    /// <summary>Set on the second argument of <c>info</c>, which may consist of empty-matching matchers only.</summary>
    public bool BypassEmptyMatcherCheck { get; init; }

    /// <inheritdoc />
    public override ValueType Type => ValueType.Vector;
}
