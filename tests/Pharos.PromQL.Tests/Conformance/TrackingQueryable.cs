using Pharos.Model;
using Pharos.Storage;
using IQueryable = Pharos.Storage.IQueryable;

namespace Pharos.PromQL.Tests.Conformance;

/// <summary>Wraps the storage to notice whether a query selected any series holding native histograms.</summary>
internal sealed class TrackingQueryable(IQueryable inner, HashSet<Labels> histogramSeries) : IQueryable
{
    public bool TouchedHistograms { get; private set; }

    public IQuerier CreateQuerier(long minTimeMs, long maxTimeMs) => new Querier(this, inner.CreateQuerier(minTimeMs, maxTimeMs));

    private sealed class Querier(TrackingQueryable owner, IQuerier inner) : IQuerier
    {
        public ISeriesSet Select(bool sortSeries, SelectHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default)
        {
            var set = inner.Select(sortSeries, hints, matchers, cancellationToken);
            var all = new List<ISeries>();
            while (set.Next())
            {
                all.Add(set.Current);
                if (owner._histogramSeriesContains(set.Current.Labels))
                {
                    owner.TouchedHistograms = true;
                }
            }

            return set.Error is { } e ? new ErrorSeriesSet(e) : new ListSeriesSet(all);
        }

        public LabelQueryResult LabelValues(string name, LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default) =>
            inner.LabelValues(name, hints, matchers, cancellationToken);

        public LabelQueryResult LabelNames(LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default) =>
            inner.LabelNames(hints, matchers, cancellationToken);

        public void Dispose() => inner.Dispose();
    }

    private bool _histogramSeriesContains(Labels labels) => histogramSeries.Contains(labels);
}
