using Pharos.Model;

namespace Pharos.Storage;

/// <summary>
/// Queries several sources as one, as Prometheus's merge querier: series with identical labels from several sources
/// become one series whose samples are merged (equal timestamps appear once), and label names and values are
/// united. Primary sources fail the query; secondary sources (remote reads) only add warnings when they fail. Not
/// thread-safe, like any querier; disposing it disposes every source querier.
/// </summary>
public sealed class MergeQuerier : IQuerier
{
    private readonly IQuerier[] _primaries;
    private readonly IQuerier[] _secondaries;
    private bool _disposed;

    /// <summary>Creates the merge.</summary>
    /// <param name="primaries">Queriers whose errors fail the query, in priority order; the merge owns them.</param>
    /// <param name="secondaries">Queriers whose errors become warnings, or null; the merge owns them.</param>
    public MergeQuerier(IReadOnlyList<IQuerier> primaries, IReadOnlyList<IQuerier>? secondaries = null)
    {
        ArgumentNullException.ThrowIfNull(primaries);
        _primaries = [.. primaries];
        _secondaries = secondaries is null ? [] : [.. secondaries];
    }

    /// <inheritdoc/>
    public ISeriesSet Select(bool sortSeries, SelectHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var total = _primaries.Length + _secondaries.Length;
        if (total == 0)
        {
            return SeriesSet.Empty;
        }

        if (total == 1)
        {
            // A single source needs no merge and no forced sorting.
            return _primaries.Length == 1
                ? _primaries[0].Select(sortSeries, hints, matchers, cancellationToken)
                : new SecondarySeriesSet(_secondaries[0].Select(sortSeries, hints, matchers, cancellationToken));
        }

        // Merging needs every part sorted, whatever the caller asked for.
        var sets = new ISeriesSet[total];
        for (var i = 0; i < _primaries.Length; i++)
        {
            sets[i] = _primaries[i].Select(true, hints, matchers, cancellationToken);
        }

        for (var i = 0; i < _secondaries.Length; i++)
        {
            sets[_primaries.Length + i] = new SecondarySeriesSet(_secondaries[i].Select(true, hints, matchers, cancellationToken));
        }

        ISeriesSet merged = new MergeSeriesSet(sets);
        return hints is { Limit: > 0 } ? new LimitSeriesSet(merged, hints.Limit) : merged;
    }

    /// <inheritdoc/>
    public LabelQueryResult LabelValues(string name, LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var results = new List<LabelQueryResult>(_primaries.Length + _secondaries.Length);
        var warnings = new List<string>();
        foreach (var q in _primaries)
        {
            results.Add(q.LabelValues(name, hints, matchers, cancellationToken));
        }

        foreach (var q in _secondaries)
        {
            try
            {
                results.Add(q.LabelValues(name, hints, matchers, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                warnings.Add(e.Message);
            }
        }

        return Unite(results, warnings, hints?.Limit ?? 0);
    }

    /// <inheritdoc/>
    public LabelQueryResult LabelNames(LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var results = new List<LabelQueryResult>(_primaries.Length + _secondaries.Length);
        var warnings = new List<string>();
        foreach (var q in _primaries)
        {
            results.Add(q.LabelNames(hints, matchers, cancellationToken));
        }

        foreach (var q in _secondaries)
        {
            try
            {
                results.Add(q.LabelNames(hints, matchers, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                warnings.Add(e.Message);
            }
        }

        return Unite(results, warnings, hints?.Limit ?? 0);
    }

    /// <summary>Disposes every source querier, even when one of them throws; the first exception is rethrown.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Exception? first = null;
        foreach (var q in _primaries.Concat(_secondaries))
        {
            try
            {
                q.Dispose();
            }
            catch (Exception e)
            {
                first ??= e;
            }
        }

        if (first is not null)
        {
            throw first;
        }
    }

    private static LabelQueryResult Unite(List<LabelQueryResult> results, List<string> warnings, int limit)
    {
        if (results.Count == 1 && warnings.Count == 0)
        {
            return results[0];
        }

        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            set.UnionWith(r.Values);
            foreach (var w in r.Warnings)
            {
                if (!warnings.Contains(w))
                {
                    warnings.Add(w);
                }
            }
        }

        var values = limit > 0 ? set.Take(limit).ToArray() : [.. set];
        return new LabelQueryResult(values, warnings);
    }
}
