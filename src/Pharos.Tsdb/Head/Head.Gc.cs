using Pharos.Model;

namespace Pharos.Tsdb.Head;

public sealed partial class Head
{
    /// <summary>
    /// Drops every chunk that ends before <paramref name="minTimeMs"/> and garbage-collects the series left without
    /// chunks (upstream's <c>truncateMemory</c> and <c>gc</c>): they leave the stripes, the reference table, the
    /// postings and the exemplar store. Series with an uncommitted sample are kept. Samples older than
    /// <paramref name="minTimeMs"/> are out of bounds afterwards.
    /// </summary>
    /// <param name="minTimeMs">The new lower bound of the head, in milliseconds since the Unix epoch.</param>
    /// <returns>The number of series removed.</returns>
    public int Truncate(long minTimeMs)
    {
        // Raise the bound first so no appender created from now on writes below it.
        var current = Volatile.Read(ref _minValidTimeMs);
        while (minTimeMs > current)
        {
            var seen = Interlocked.CompareExchange(ref _minValidTimeMs, minTimeMs, current);
            if (seen == current)
            {
                break;
            }

            current = seen;
        }

        var deleted = new HashSet<ulong>();
        var affected = new HashSet<Label>();
        long chunksRemoved = 0;
        long newMinTime = long.MaxValue;
        var lastRef = (ulong)Volatile.Read(ref _lastSeriesRef);
        for (var i = 0; i < _hashes.StripeCount; i++)
        {
            _hashes.RemoveWhere(i, s =>
            {
                lock (s.Lock)
                {
                    chunksRemoved += s.TruncateChunksBefore(minTimeMs);
                    if (s.ChunkCount > 0 || s.PendingOwner is not null)
                    {
                        newMinTime = Math.Min(newMinTime, s.MinTimeMs);
                        return false;
                    }

                    s.Deleted = true;
                }

                _refs.Remove(s, lastRef);
                deleted.Add(s.Ref);
                foreach (var label in s.Labels.Span)
                {
                    affected.Add(label);
                }

                return true;
            });
        }

        _postings.Delete(deleted, affected);
        _exemplars?.RemoveSeries(deleted);
        TruncateTombstones(minTimeMs);

        Interlocked.Add(ref Metrics.Chunks, -chunksRemoved);
        Interlocked.Add(ref Metrics.ChunksRemoved, chunksRemoved);
        Interlocked.Add(ref Metrics.Series, -deleted.Count);
        Interlocked.Add(ref Metrics.SeriesRemoved, deleted.Count);

        // The head now starts at the oldest chunk still held (or the truncation point when that is later).
        var minTime = Volatile.Read(ref _minTimeMs);
        if (minTime != long.MaxValue)
        {
            Volatile.Write(ref _minTimeMs, Math.Max(minTimeMs, newMinTime == long.MaxValue ? minTimeMs : newMinTime));
        }

        return deleted.Count;
    }
}
