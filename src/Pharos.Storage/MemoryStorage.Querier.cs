using Pharos.Model;

namespace Pharos.Storage;

public sealed partial class MemoryStorage
{
    /// <summary>
    /// Reads committed data. Each call takes the storage lock briefly to snapshot the matching series; the returned
    /// series read immutable snapshots afterwards, so they stay valid (and unchanged) after disposal too.
    /// </summary>
    private sealed class Querier(MemoryStorage storage, long minTimeMs, long maxTimeMs) : IQuerier
    {
        private bool _disposed;

        public ISeriesSet Select(bool sortSeries, SelectHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (matchers.IsEmpty)
            {
                return SeriesSet.Empty;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return new ErrorSeriesSet(new OperationCanceledException(cancellationToken));
            }

            long mint = minTimeMs, maxt = maxTimeMs;
            if (hints is not null && (hints.StartMs != 0 || hints.EndMs != 0))
            {
                // As the TSDB, a hinted range replaces the querier's range for trimming samples.
                mint = hints.StartMs;
                maxt = hints.EndMs;
            }

            var result = new List<ISeries>();
            lock (storage._lock)
            {
                foreach (var s in storage._series)
                {
                    if (!s.HasSamplesIn(mint, maxt) || !MatchesAll(s.Labels, matchers))
                    {
                        continue;
                    }

                    if (hints is { ShardCount: > 0 } && s.Labels.Hash() % hints.ShardCount != hints.ShardIndex)
                    {
                        continue;
                    }

                    result.Add(new ListSeries(s.Labels, s.Snapshot(mint, maxt)));
                }
            }

            if (sortSeries)
            {
                result.Sort(static (a, b) => a.Labels.CompareTo(b.Labels));
            }

            if (hints is { Limit: > 0 } && result.Count > hints.Limit)
            {
                result.RemoveRange(hints.Limit, result.Count - hints.Limit);
            }

            return new ListSeriesSet(result);
        }

        public LabelQueryResult LabelValues(string name, LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ArgumentNullException.ThrowIfNull(name);
            cancellationToken.ThrowIfCancellationRequested();
            var values = new HashSet<string>(StringComparer.Ordinal);
            lock (storage._lock)
            {
                foreach (var s in storage._series)
                {
                    var value = s.Labels.Get(name);
                    if (value.Length > 0 && s.HasSamplesIn(minTimeMs, maxTimeMs) && MatchesAll(s.Labels, matchers))
                    {
                        values.Add(value);
                    }
                }
            }

            return LabelQueryResult.Of(SortAndLimit(values, hints));
        }

        public LabelQueryResult LabelNames(LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            cancellationToken.ThrowIfCancellationRequested();
            var names = new HashSet<string>(StringComparer.Ordinal);
            lock (storage._lock)
            {
                foreach (var s in storage._series)
                {
                    if (s.HasSamplesIn(minTimeMs, maxTimeMs) && MatchesAll(s.Labels, matchers))
                    {
                        foreach (var label in s.Labels.Span)
                        {
                            names.Add(label.Name);
                        }
                    }
                }
            }

            return LabelQueryResult.Of(SortAndLimit(names, hints));
        }

        public void Dispose() => _disposed = true;

        private static string[] SortAndLimit(HashSet<string> set, LabelHints? hints)
        {
            var array = set.ToArray();
            Array.Sort(array, StringComparer.Ordinal);
            return hints is { Limit: > 0 } && array.Length > hints.Limit ? array[..hints.Limit] : array;
        }
    }
}
