using Pharos.Model;

namespace Pharos.Rules;

/// <summary>The mutable state of one alert of an alerting rule (upstream <c>rules.Alert</c>).</summary>
internal sealed class Alert
{
    public required Labels Labels { get; init; }

    public required Labels Annotations { get; set; }

    public required double Value { get; set; }

    public AlertState State { get; set; }

    public DateTimeOffset ActiveAt { get; set; }

    public DateTimeOffset? FiredAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? LastSentAt { get; set; }

    public DateTimeOffset ValidUntil { get; set; }

    public DateTimeOffset? KeepFiringSince { get; set; }

    /// <summary>Upstream's <c>needsSending</c>: never pending alerts; resolved ones once; firing ones each resend delay.</summary>
    public bool NeedsSending(DateTimeOffset ts, TimeSpan resendDelay)
    {
        if (State == AlertState.Pending)
        {
            return false;
        }

        if (ResolvedAt is { } resolved && (LastSentAt is not { } sent || resolved > sent))
        {
            return true;
        }

        return LastSentAt is not { } last || last + resendDelay < ts;
    }

    public ActiveAlert Snapshot() => new()
    {
        Labels = Labels,
        Annotations = Annotations,
        State = State,
        ActiveAt = ActiveAt,
        FiredAt = FiredAt,
        ResolvedAt = ResolvedAt,
        KeepFiringSince = KeepFiringSince,
        Value = Value,
    };
}
