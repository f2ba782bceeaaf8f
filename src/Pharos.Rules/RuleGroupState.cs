namespace Pharos.Rules;

/// <summary>A snapshot of one rule group for <c>/api/v1/rules</c> and the group metrics.</summary>
public sealed record RuleGroupState
{
    /// <summary>The group name.</summary>
    public required string Name { get; init; }

    /// <summary>The rule file the group comes from.</summary>
    public required string File { get; init; }

    /// <summary>The evaluation interval.</summary>
    public required TimeSpan Interval { get; init; }

    /// <summary>The group's <c>limit</c> (0: none).</summary>
    public int Limit { get; init; }

    /// <summary>The group's <c>query_offset</c>.</summary>
    public TimeSpan QueryOffset { get; init; }

    /// <summary>The rules in evaluation order.</summary>
    public required IReadOnlyList<RuleState> Rules { get; init; }

    /// <summary>When the group was last evaluated; null before the first evaluation.</summary>
    public DateTimeOffset? LastEvaluation { get; init; }

    /// <summary>How long the last evaluation of all rules took.</summary>
    public TimeSpan EvaluationTime { get; init; }
}
