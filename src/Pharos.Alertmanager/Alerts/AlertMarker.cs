namespace Pharos.Alertmanager.Alerts;

/// <summary>
/// Why each alert is suppressed (upstream <c>types.Marker</c>): the silences and inhibiting alerts that mute it,
/// as last evaluated by the pipeline or the API. Thread-safe.
/// </summary>
public sealed class AlertMarker
{
    private readonly Dictionary<ulong, AlertStatus> _status = [];
    private readonly Lock _lock = new();

    /// <summary>Records the silences muting an alert (empty when none).</summary>
    /// <param name="fingerprint">The alert.</param>
    /// <param name="silenceIds">The active silences that match it.</param>
    public void SetSilenced(ulong fingerprint, IReadOnlyList<string> silenceIds)
    {
        lock (_lock)
        {
            var s = _status.GetValueOrDefault(fingerprint) ?? new AlertStatus();
            _status[fingerprint] = s with { SilencedBy = silenceIds };
        }
    }

    /// <summary>Records the alerts inhibiting an alert (empty when none).</summary>
    /// <param name="fingerprint">The alert.</param>
    /// <param name="inhibitors">Fingerprints of the inhibiting alerts.</param>
    public void SetInhibited(ulong fingerprint, IReadOnlyList<string> inhibitors)
    {
        lock (_lock)
        {
            var s = _status.GetValueOrDefault(fingerprint) ?? new AlertStatus();
            _status[fingerprint] = s with { InhibitedBy = inhibitors };
        }
    }

    /// <summary>The status of an alert; unprocessed when never evaluated.</summary>
    /// <param name="fingerprint">The alert.</param>
    /// <returns>The status.</returns>
    public AlertStatus Status(ulong fingerprint)
    {
        lock (_lock)
        {
            return _status.GetValueOrDefault(fingerprint) ?? new AlertStatus { Processed = false };
        }
    }

    /// <summary>Forgets an alert (after garbage collection).</summary>
    /// <param name="fingerprint">The alert.</param>
    public void Delete(ulong fingerprint)
    {
        lock (_lock)
        {
            _status.Remove(fingerprint);
        }
    }
}

/// <summary>The suppression state of one alert.</summary>
public sealed record AlertStatus
{
    /// <summary>Whether the pipeline or API evaluated the alert.</summary>
    public bool Processed { get; init; } = true;

    /// <summary>IDs of silences muting the alert.</summary>
    public IReadOnlyList<string> SilencedBy { get; init; } = [];

    /// <summary>Fingerprints of alerts inhibiting it.</summary>
    public IReadOnlyList<string> InhibitedBy { get; init; } = [];

    /// <summary><c>suppressed</c>, <c>active</c> or <c>unprocessed</c>, as the API reports it.</summary>
    public string State => !Processed ? "unprocessed" : SilencedBy.Count > 0 || InhibitedBy.Count > 0 ? "suppressed" : "active";
}
