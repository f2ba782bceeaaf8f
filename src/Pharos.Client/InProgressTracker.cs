namespace Pharos.Client;

/// <summary>Decrements a gauge when disposed; returned by <see cref="Gauge.TrackInProgress"/>. Dispose once.</summary>
public readonly struct InProgressTracker : IDisposable
{
    private readonly Gauge.Child? _gauge;

    internal InProgressTracker(Gauge.Child gauge) => _gauge = gauge;

    /// <summary>Decrements the gauge.</summary>
    public void Dispose() => _gauge?.Dec();
}
