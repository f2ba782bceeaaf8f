using Pharos.Model;

namespace Pharos.Rules;

/// <summary>A snapshot of one rule for <c>/api/v1/rules</c>.</summary>
public sealed record RuleState
{
    /// <summary>Recording or alerting.</summary>
    public required RuleKind Kind { get; init; }

    /// <summary>The recorded metric name or the alert name.</summary>
    public required string Name { get; init; }

    /// <summary>The expression as written in the rule file.</summary>
    public required string Query { get; init; }

    /// <summary>The rule's labels (group labels merged in).</summary>
    public required Labels Labels { get; init; }

    /// <summary>The annotation templates (alerting rules only; empty otherwise).</summary>
    public required Labels Annotations { get; init; }

    /// <summary>The <c>for</c> duration (alerting rules).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The <c>keep_firing_for</c> duration (alerting rules).</summary>
    public TimeSpan KeepFiringFor { get; init; }

    /// <summary>The health after the last evaluation.</summary>
    public required RuleHealth Health { get; init; }

    /// <summary>The last evaluation error, null when healthy.</summary>
    public string? LastError { get; init; }

    /// <summary>When the rule was last evaluated; null before the first evaluation.</summary>
    public DateTimeOffset? LastEvaluation { get; init; }

    /// <summary>How long the last evaluation took.</summary>
    public TimeSpan EvaluationTime { get; init; }

    /// <summary>The rule's state: the highest state of its alerts (alerting rules; inactive otherwise).</summary>
    public AlertState State { get; init; }

    /// <summary>The pending and firing alerts (alerting rules; empty otherwise).</summary>
    public IReadOnlyList<ActiveAlert> Alerts { get; init; } = [];
}
