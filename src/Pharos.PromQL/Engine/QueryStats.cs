namespace Pharos.PromQL.Engine;

/// <summary>Statistics of one query execution.</summary>
public sealed class QueryStats
{
    /// <summary>Samples read from storage into the engine (upstream <c>totalQueryableSamples</c>).</summary>
    public long TotalSamples { get; set; }

    /// <summary>The most samples held in memory at once (upstream <c>peakSamples</c>).</summary>
    public long PeakSamples { get; set; }

    /// <summary>Wall time spent evaluating.</summary>
    public TimeSpan EvalTime { get; set; }

    /// <summary>Wall time spent waiting for a slot in the concurrency gate.</summary>
    public TimeSpan QueueTime { get; set; }
}
