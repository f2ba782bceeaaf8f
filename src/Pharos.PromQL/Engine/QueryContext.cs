using Pharos.Storage;

namespace Pharos.PromQL.Engine;

/// <summary>State shared by all evaluators of one query: storage, limits, annotations, statistics.</summary>
internal sealed class QueryContext(IQuerier querier, EngineOptions options, CancellationToken cancellationToken)
{
    private long _currentSamples;

    public IQuerier Querier { get; } = querier;

    public EngineOptions Options { get; } = options;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public Annotations Annotations { get; } = new();

    public QueryStats Stats { get; } = new();

    /// <summary>Start of the top-level query in milliseconds (what <c>@ start()</c> means).</summary>
    public long StartMs { get; init; }

    /// <summary>End of the top-level query in milliseconds (what <c>@ end()</c> means).</summary>
    public long EndMs { get; init; }

    /// <summary>The top-level step in milliseconds; 0 for an instant query.</summary>
    public long StepMs { get; init; }

    public long LookbackMs => (long)Options.LookbackDelta.TotalMilliseconds;

    public bool DelayedNameRemoval => Options.EnableDelayedNameRemoval;

    public void CheckCancellation() => CancellationToken.ThrowIfCancellationRequested();

    /// <summary>Accounts samples read from storage.</summary>
    public void AddLoaded(long count) => Stats.SamplesLoaded += count;

    /// <summary>Accounts samples held in memory and enforces the limit.</summary>
    public void AddSamples(long count)
    {
        _currentSamples += count;
        if (_currentSamples > Stats.PeakSamples)
        {
            Stats.PeakSamples = _currentSamples;
        }

        if (_currentSamples > Options.MaxSamples)
        {
            throw TooManySamples();
        }
    }

    /// <summary>The error of a query over the sample limit, in upstream's words.</summary>
    public static PromQLQueryException TooManySamples() =>
        new(QueryErrorKind.TooManySamples, "query processing would load too many samples into memory in query execution");

    /// <summary>Releases samples no longer held.</summary>
    public void ReleaseSamples(long count) => _currentSamples -= count;
}
