namespace Pharos.PromQL.Parser;

/// <summary>How a binary operation between two instant vectors pairs series (<c>on</c>, <c>ignoring</c>, <c>group_left</c>, …).</summary>
public sealed record VectorMatching
{
    /// <summary>The cardinality; set operators are always many-to-many.</summary>
    public VectorMatchCardinality Card { get; init; }

    /// <summary>The labels of <c>on(…)</c> or <c>ignoring(…)</c>.</summary>
    public string[] MatchingLabels { get; init; } = [];

    /// <summary>True for <c>on</c>, false for <c>ignoring</c> (or no clause).</summary>
    public bool On { get; init; }

    /// <summary>The extra labels of <c>group_left(…)</c> / <c>group_right(…)</c> copied from the "one" side.</summary>
    public string[] Include { get; init; } = [];

    /// <summary>The experimental <c>fill_left(v)</c> (or <c>fill(v)</c>) value used when the left side has no match.</summary>
    public double? FillLeft { get; init; }

    /// <summary>The experimental <c>fill_right(v)</c> (or <c>fill(v)</c>) value used when the right side has no match.</summary>
    public double? FillRight { get; init; }
}
