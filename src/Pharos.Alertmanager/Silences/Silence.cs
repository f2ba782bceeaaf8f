using Pharos.Model;

namespace Pharos.Alertmanager.Silences;

/// <summary>A silence: alerts matching all its matchers are muted between its start and end. Immutable.</summary>
public sealed record Silence
{
    /// <summary>The ID (a UUID).</summary>
    public string Id { get; init; } = "";

    /// <summary>The matchers; at least one must not match the empty string.</summary>
    public IReadOnlyList<Matcher> Matchers { get; init; } = [];

    /// <summary>When it starts muting.</summary>
    public DateTimeOffset StartsAt { get; init; }

    /// <summary>When it stops muting.</summary>
    public DateTimeOffset EndsAt { get; init; }

    /// <summary>When it was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Who created it.</summary>
    public string CreatedBy { get; init; } = "";

    /// <summary>Why.</summary>
    public string Comment { get; init; } = "";

    /// <summary><c>pending</c>, <c>active</c> or <c>expired</c> at <paramref name="now"/>.</summary>
    /// <param name="now">The instant.</param>
    /// <returns>The state name as the API reports it.</returns>
    public string State(DateTimeOffset now) => now < StartsAt ? "pending" : now < EndsAt ? "active" : "expired";

    /// <summary>Whether the silence's matchers all accept <paramref name="labels"/>.</summary>
    /// <param name="labels">An alert's labels.</param>
    /// <returns>True on a match.</returns>
    public bool Matches(Labels labels) => Routing.Route.MatchesAll(Matchers, labels);
}
