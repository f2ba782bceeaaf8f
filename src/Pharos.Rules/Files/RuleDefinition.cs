using Pharos.Model;

namespace Pharos.Rules.Files;

/// <summary>One entry of a group's <c>rules</c> list, as written in the rule file.</summary>
public sealed record RuleDefinition
{
    /// <summary>The recorded metric name (<c>record:</c>), or null for an alerting rule.</summary>
    public string? Record { get; init; }

    /// <summary>The alert name (<c>alert:</c>), or null for a recording rule.</summary>
    public string? Alert { get; init; }

    /// <summary>The PromQL expression.</summary>
    public required string Expr { get; init; }

    /// <summary>How long an alert stays pending before it fires (<c>for</c>).</summary>
    public TimeSpan For { get; init; }

    /// <summary>How long an alert keeps firing after its expression stops returning it (<c>keep_firing_for</c>).</summary>
    public TimeSpan KeepFiringFor { get; init; }

    /// <summary>Labels added to the result (templates for alerting rules).</summary>
    public Labels Labels { get; init; }

    /// <summary>Annotation templates (alerting rules).</summary>
    public Labels Annotations { get; init; }

    /// <summary>The 1-based line of the rule in its file.</summary>
    public int Line { get; init; }

    /// <summary>The rule's name: <see cref="Record"/> or <see cref="Alert"/>.</summary>
    public string Name => Record ?? Alert ?? "";

    /// <summary>Whether this is an alerting rule.</summary>
    public bool IsAlerting => Alert is not null;
}
