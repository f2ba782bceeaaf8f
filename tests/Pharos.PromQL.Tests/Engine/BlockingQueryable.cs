using Pharos.Model;
using Pharos.Storage;
using IQueryable = Pharos.Storage.IQueryable;

namespace Pharos.PromQL.Tests.Engine;

/// <summary>
/// Wraps a storage so that every <c>Select</c> signals <see cref="Entered"/> and then blocks until
/// <see cref="Release"/> is set or the query's token is canceled, to hold a query in flight.
/// </summary>
internal sealed class BlockingQueryable(IQueryable inner) : IQueryable, IDisposable
{
    private int _selects;

    /// <summary>Set when a select starts.</summary>
    public SemaphoreSlim Entered { get; } = new(0);

    /// <summary>Lets blocked and future selects proceed.</summary>
    public ManualResetEventSlim Release { get; } = new(false);

    /// <summary>Whether a blocked select ignores the query's cancellation (to hold the query's slot regardless).</summary>
    public bool IgnoreCancellation { get; init; }

    /// <summary>The number of selects started so far.</summary>
    public int Selects => Volatile.Read(ref _selects);

    public IQuerier CreateQuerier(long minTimeMs, long maxTimeMs) => new Querier(this, inner.CreateQuerier(minTimeMs, maxTimeMs));

    public void Dispose()
    {
        Entered.Dispose();
        Release.Dispose();
    }

    private sealed class Querier(BlockingQueryable owner, IQuerier inner) : IQuerier
    {
        public ISeriesSet Select(bool sortSeries, SelectHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref owner._selects);
            owner.Entered.Release();
            owner.Release.Wait(owner.IgnoreCancellation ? CancellationToken.None : cancellationToken);
            return inner.Select(sortSeries, hints, matchers, cancellationToken);
        }

        public LabelQueryResult LabelValues(string name, LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default) =>
            inner.LabelValues(name, hints, matchers, cancellationToken);

        public LabelQueryResult LabelNames(LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default) =>
            inner.LabelNames(hints, matchers, cancellationToken);

        public void Dispose() => inner.Dispose();
    }
}
