using Pharos.Model;

namespace Pharos.Rules.Files;

/// <summary>One entry of a rule file's <c>groups</c> list.</summary>
public sealed record RuleGroupDefinition
{
    /// <summary>The group name, unique within its file.</summary>
    public required string Name { get; init; }

    /// <summary>The evaluation interval; null to use the global <c>evaluation_interval</c>.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>The maximum number of alerts or series a rule may produce; 0 for no limit.</summary>
    public int Limit { get; init; }

    /// <summary>How far back from the evaluation time the rules query; null for the global default.</summary>
    public TimeSpan? QueryOffset { get; init; }

    /// <summary>Labels added to every rule of the group (the rule's own labels win).</summary>
    public Labels Labels { get; init; }

    /// <summary>The rules in evaluation order.</summary>
    public required IReadOnlyList<RuleDefinition> Rules { get; init; }

    /// <summary>The 1-based line of the group in its file.</summary>
    public int Line { get; init; }
}
