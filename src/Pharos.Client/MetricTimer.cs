using System.Diagnostics;

namespace Pharos.Client;

/// <summary>
/// Measures elapsed time from its creation and observes it, in seconds, when disposed:
/// <c>using (histogram.NewTimer()) { … }</c>. A struct: dispose exactly once.
/// </summary>
public readonly struct MetricTimer : IDisposable
{
    private readonly IObserver? _target;
    private readonly long _startTimestamp;

    internal MetricTimer(IObserver target)
    {
        _target = target;
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>The time elapsed since the timer started.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startTimestamp);

    /// <summary>Observes the elapsed time and returns it.</summary>
    /// <returns>The elapsed time.</returns>
    public TimeSpan ObserveDuration()
    {
        var elapsed = Elapsed;
        _target?.Observe(elapsed.TotalSeconds);
        return elapsed;
    }

    /// <summary>Observes the elapsed time.</summary>
    public void Dispose() => ObserveDuration();
}
