using Pharos.Model;

namespace Pharos.Rules;

/// <summary>A snapshot of one pending or firing alert, for <c>/api/v1/alerts</c> and <c>/api/v1/rules</c>.</summary>
public sealed record ActiveAlert
{
    /// <summary>The alert's labels, <c>alertname</c> included.</summary>
    public required Labels Labels { get; init; }

    /// <summary>The expanded annotations.</summary>
    public required Labels Annotations { get; init; }

    /// <summary>The state.</summary>
    public required AlertState State { get; init; }

    /// <summary>When the alert became active.</summary>
    public required DateTimeOffset ActiveAt { get; init; }

    /// <summary>When it started firing; null while pending.</summary>
    public DateTimeOffset? FiredAt { get; init; }

    /// <summary>When it resolved; null while active.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Since when <c>keep_firing_for</c> keeps it firing although the expression no longer returns it.</summary>
    public DateTimeOffset? KeepFiringSince { get; init; }

    /// <summary>The sample value of the last evaluation that returned it.</summary>
    public required double Value { get; init; }
}
