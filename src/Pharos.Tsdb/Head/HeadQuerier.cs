using Pharos.Model;
using Pharos.Storage;
using Pharos.Tsdb.Postings;

namespace Pharos.Tsdb.Head;

/// <summary>
/// Reads the head over a time range (Prometheus's head querier). Selection resolves matchers through the postings
/// index, then copies each matching series' chunk list under its lock, so iteration later needs no locks. Not
/// thread-safe; one per query.
/// </summary>
internal sealed class HeadQuerier(Head head, long minTimeMs, long maxTimeMs) : IQuerier
{
    private const int CancellationCheckInterval = 1024;

    private bool _disposed;

    public ISeriesSet Select(bool sortSeries, SelectHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (matchers.IsEmpty)
        {
            return SeriesSet.Empty;
        }

        long mint = minTimeMs, maxt = maxTimeMs;
        if (hints is not null && (hints.StartMs != 0 || hints.EndMs != 0))
        {
            // As upstream's block querier, a hinted range replaces the querier's range.
            mint = hints.StartMs;
            maxt = hints.EndMs;
        }

        var limit = hints?.Limit ?? 0;
        var result = new List<ISeries>();
        try
        {
            var postings = PostingsForMatchers.Select(head.Postings, matchers, cancellationToken);
            var tombstones = head.Tombstones;
            var seen = 0;
            while (postings.Next())
            {
                if (++seen % CancellationCheckInterval == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (head.GetByRef(postings.At) is not { } s)
                {
                    continue;
                }

                if (hints is { ShardCount: > 0 } && s.Hash % hints.ShardCount != hints.ShardIndex)
                {
                    continue;
                }

                ChunkSnapshot[] chunks;
                lock (s.Lock)
                {
                    if (s.Deleted)
                    {
                        continue;
                    }

                    chunks = s.Snapshot(mint, maxt);
                }

                if (chunks.Length == 0)
                {
                    continue;
                }

                ISeries series = new HeadSeries(s.Labels, chunks, mint, maxt);
                if (tombstones.TryGetValue(s.Ref, out var deleted))
                {
                    series = new Block.TombstonedSeries(series, deleted);
                }

                result.Add(series);
                if (!sortSeries && limit > 0 && result.Count == limit)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException e)
        {
            return new ErrorSeriesSet(e);
        }

        if (sortSeries)
        {
            result.Sort(static (a, b) => a.Labels.CompareTo(b.Labels));
        }

        if (limit > 0 && result.Count > limit)
        {
            result.RemoveRange(limit, result.Count - limit);
        }

        return new ListSeriesSet(result);
    }

    public LabelQueryResult LabelValues(string name, LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        if (!Overlaps())
        {
            return LabelQueryResult.Empty;
        }

        if (matchers.IsEmpty)
        {
            // Without matchers the index answers directly, as upstream's head does for a range it overlaps.
            return LabelQueryResult.Of(Limit(head.Postings.LabelValues(name), hints));
        }

        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in MatchingSeries(matchers, cancellationToken))
        {
            var value = s.Labels.Get(name);
            if (value.Length > 0)
            {
                values.Add(value);
            }
        }

        return LabelQueryResult.Of(SortAndLimit(values, hints));
    }

    public LabelQueryResult LabelNames(LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (!Overlaps())
        {
            return LabelQueryResult.Empty;
        }

        if (matchers.IsEmpty)
        {
            return LabelQueryResult.Of(Limit(head.Postings.LabelNames(), hints));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in MatchingSeries(matchers, cancellationToken))
        {
            foreach (var label in s.Labels.Span)
            {
                names.Add(label.Name);
            }
        }

        return LabelQueryResult.Of(SortAndLimit(names, hints));
    }

    public void Dispose() => _disposed = true;

    private static IReadOnlyList<string> Limit(IReadOnlyList<string> sorted, LabelHints? hints) =>
        hints is { Limit: > 0 } && sorted.Count > hints.Limit ? sorted.Take(hints.Limit).ToArray() : sorted;

    private static string[] SortAndLimit(HashSet<string> set, LabelHints? hints)
    {
        var array = set.ToArray();
        Array.Sort(array, StringComparer.Ordinal);
        return hints is { Limit: > 0 } && array.Length > hints.Limit ? array[..hints.Limit] : array;
    }

    private bool Overlaps() => head.MinTimeMs <= maxTimeMs && head.MaxTimeMs >= minTimeMs;

    /// <summary>The live series matching the matchers that have samples in the querier's range.</summary>
    private List<MemSeries> MatchingSeries(ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken)
    {
        var result = new List<MemSeries>();
        var postings = PostingsForMatchers.Select(head.Postings, matchers, cancellationToken);
        while (postings.Next())
        {
            if (head.GetByRef(postings.At) is not { } s)
            {
                continue;
            }

            lock (s.Lock)
            {
                if (!s.Deleted && s.HasSamplesIn(minTimeMs, maxTimeMs))
                {
                    result.Add(s);
                }
            }
        }

        return result;
    }
}
