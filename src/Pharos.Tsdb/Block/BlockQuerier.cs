using Pharos.Model;
using Pharos.Storage;
using Pharos.Tsdb.Chunks;
using Pharos.Tsdb.Head;
using Pharos.Tsdb.Postings;

namespace Pharos.Tsdb.Block;

/// <summary>
/// Reads a block over a time range (Prometheus's <c>blockQuerier</c>). Selection resolves matchers through the
/// block's postings, then reads each matching series' entry and the chunks overlapping the range; postings are in
/// label order, so the result is sorted whether or not sorting was asked for. A damaged index entry or chunk turns
/// the result into an error series set naming the file. Not thread-safe; one per query.
/// </summary>
internal sealed class BlockQuerier(Block block, long minTimeMs, long maxTimeMs) : IQuerier
{
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
            mint = hints.StartMs;
            maxt = hints.EndMs;
        }

        var limit = hints?.Limit ?? 0;
        var result = new List<ISeries>();
        if (maxt < block.MinTimeMs || mint >= block.MaxTimeMs)
        {
            return SeriesSet.Empty;
        }

        try
        {
            var postings = PostingsForMatchers.Select(block.Index, matchers, cancellationToken);
            var metas = new List<ChunkMeta>();
            while (postings.Next())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var labels = block.Index.Series(postings.At, metas);
                if (hints is { ShardCount: > 0 } && labels.Hash() % hints.ShardCount != hints.ShardIndex)
                {
                    continue;
                }

                var chunks = new List<ChunkSnapshot>(metas.Count);
                foreach (var meta in metas)
                {
                    if (meta.MaxTimeMs < mint || meta.MinTimeMs > maxt)
                    {
                        continue;
                    }

                    var (encoding, data) = block.Chunks.ReadRaw(meta.Ref);
                    if (encoding != ChunkEncoding.Xor)
                    {
                        // NOTE: only float chunks are decoded so far; native histogram chunks are skipped.
                        continue;
                    }

                    chunks.Add(new ChunkSnapshot(data, meta.MinTimeMs, meta.MaxTimeMs));
                }

                if (chunks.Count == 0)
                {
                    continue;
                }

                ISeries series = new HeadSeries(labels, [.. chunks], mint, maxt);
                if (block.Tombstones.TryGetValue(postings.At, out var deleted))
                {
                    series = new TombstonedSeries(series, deleted);
                }

                result.Add(series);
                if (limit > 0 && result.Count == limit)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException e)
        {
            return new ErrorSeriesSet(e);
        }
        catch (InvalidDataException e)
        {
            return new ErrorSeriesSet(e);
        }

        return new ListSeriesSet(result);
    }

    public LabelQueryResult LabelValues(string name, LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(name);
        if (!Overlaps())
        {
            return LabelQueryResult.Empty;
        }

        if (matchers.IsEmpty)
        {
            return LabelQueryResult.Of(Limit(block.Index.LabelValues(name), hints));
        }

        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var labels in MatchingLabels(matchers, cancellationToken))
        {
            var value = labels.Get(name);
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
        if (!Overlaps())
        {
            return LabelQueryResult.Empty;
        }

        if (matchers.IsEmpty)
        {
            return LabelQueryResult.Of(Limit(block.Index.LabelNames(), hints));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var labels in MatchingLabels(matchers, cancellationToken))
        {
            foreach (var label in labels.Span)
            {
                names.Add(label.Name);
            }
        }

        return LabelQueryResult.Of(SortAndLimit(names, hints));
    }

    public void Dispose() => _disposed = true;

    private bool Overlaps() => minTimeMs < block.MaxTimeMs && maxTimeMs >= block.MinTimeMs;

    private List<Labels> MatchingLabels(ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken)
    {
        var result = new List<Labels>();
        var postings = PostingsForMatchers.Select(block.Index, matchers, cancellationToken);
        var metas = new List<ChunkMeta>();
        while (postings.Next())
        {
            result.Add(block.Index.Series(postings.At, metas));
        }

        return result;
    }

    private static IReadOnlyList<string> Limit(IReadOnlyList<string> sorted, LabelHints? hints) =>
        hints is { Limit: > 0 } && sorted.Count > hints.Limit ? sorted.Take(hints.Limit).ToArray() : sorted;

    private static string[] SortAndLimit(HashSet<string> set, LabelHints? hints)
    {
        var array = set.ToArray();
        Array.Sort(array, StringComparer.Ordinal);
        return hints is { Limit: > 0 } && array.Length > hints.Limit ? array[..hints.Limit] : array;
    }
}
