using System.Buffers;
using Pharos.Model;
using Pharos.Tsdb.Postings;
using Pharos.Tsdb.Record;
using Pharos.Tsdb.Tombstones;

namespace Pharos.Tsdb.Head;

public sealed partial class Head
{
    private readonly Lock _tombstonesLock = new();

    // Copy-on-write so queriers read a consistent map without locking.
    private Dictionary<ulong, List<TombstoneInterval>> _tombstones = [];

    /// <summary>The deleted intervals per series reference; an immutable snapshot.</summary>
    internal IReadOnlyDictionary<ulong, List<TombstoneInterval>> Tombstones => Volatile.Read(ref _tombstones);

    /// <summary>The number of series with deleted intervals.</summary>
    public int TombstonedSeriesCount => Volatile.Read(ref _tombstones).Count;

    /// <summary>
    /// Marks the samples in [<paramref name="minTimeMs"/>, <paramref name="maxTimeMs"/>] of every series matching
    /// <paramref name="matchers"/> as deleted (Prometheus <c>Head.Delete</c>): a tombstones record goes to the WAL
    /// first, then queriers stop returning them; they are dropped for good when the range is cut into a block.
    /// </summary>
    /// <param name="matchers">The series selection; must not be empty.</param>
    /// <param name="minTimeMs">The first deleted time, inclusive.</param>
    /// <param name="maxTimeMs">The last deleted time, inclusive.</param>
    /// <returns>The number of series affected.</returns>
    /// <exception cref="ArgumentException">No matchers.</exception>
    public int Delete(ReadOnlySpan<Matcher> matchers, long minTimeMs, long maxTimeMs)
    {
        if (matchers.IsEmpty)
        {
            throw new ArgumentException("At least one matcher is required to delete series.", nameof(matchers));
        }

        var deletions = new List<RefTombstone>();
        var postings = PostingsForMatchers.Select(_postings, matchers);
        while (postings.Next())
        {
            if (GetByRef(postings.At) is not { } s)
            {
                continue;
            }

            lock (s.Lock)
            {
                if (s.Deleted || !s.HasSamplesIn(minTimeMs, maxTimeMs))
                {
                    continue;
                }
            }

            deletions.Add(new RefTombstone(s.Ref, minTimeMs, maxTimeMs));
        }

        if (deletions.Count == 0)
        {
            return 0;
        }

        if (Wal is { } wal)
        {
            var buffer = new ArrayBufferWriter<byte>(deletions.Count * 24);
            RecordEncoder.Tombstones(deletions.ToArray(), buffer);
            wal.Log(buffer.WrittenSpan);
        }

        AddTombstones(deletions);
        return deletions.Count;
    }

    /// <summary>Adds deleted intervals (from <see cref="Delete"/> or a replayed tombstones record).</summary>
    internal void AddTombstones(IReadOnlyList<RefTombstone> deletions)
    {
        lock (_tombstonesLock)
        {
            var next = new Dictionary<ulong, List<TombstoneInterval>>(_tombstones);
            foreach (var d in deletions)
            {
                var intervals = next.TryGetValue(d.Ref, out var old) ? new List<TombstoneInterval>(old) : [];
                intervals.Add(new TombstoneInterval(d.MinTimeMs, d.MaxTimeMs));
                next[d.Ref] = intervals;
            }

            Volatile.Write(ref _tombstones, next);
        }
    }

    /// <summary>Forgets deleted intervals that end before <paramref name="minTimeMs"/> or belong to removed series.</summary>
    private void TruncateTombstones(long minTimeMs)
    {
        lock (_tombstonesLock)
        {
            if (_tombstones.Count == 0)
            {
                return;
            }

            var next = new Dictionary<ulong, List<TombstoneInterval>>();
            foreach (var (reference, intervals) in _tombstones)
            {
                if (GetByRef(reference) is null)
                {
                    continue;
                }

                var kept = intervals.Where(i => i.MaxTimeMs >= minTimeMs).ToList();
                if (kept.Count > 0)
                {
                    next[reference] = kept;
                }
            }

            Volatile.Write(ref _tombstones, next);
        }
    }
}
