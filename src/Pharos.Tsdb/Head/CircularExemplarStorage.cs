using Pharos.Model;
using Pharos.Storage;

namespace Pharos.Tsdb.Head;

/// <summary>
/// A fixed-size ring of exemplars shared by every series, as Prometheus's <c>CircularExemplarStorage</c>: a new
/// exemplar overwrites the oldest one of any series. Each series' exemplars are linked oldest to newest through the
/// ring, so reading one series touches only its own entries. Thread-safe.
/// </summary>
internal sealed class CircularExemplarStorage
{
    private readonly Lock _lock = new();
    private readonly Entry[] _ring;
    private readonly Dictionary<ulong, (int Oldest, int Newest)> _bySeries = [];
    private int _next;

    public CircularExemplarStorage(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ring = new Entry[capacity];
        for (var i = 0; i < _ring.Length; i++)
        {
            _ring[i].Next = -1;
        }
    }

    /// <summary>The number of exemplars stored.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                var n = 0;
                foreach (var e in _ring)
                {
                    n += e.InUse ? 1 : 0;
                }

                return n;
            }
        }
    }

    /// <summary>Checks an exemplar against the newest stored one of its series.</summary>
    public AppendStatus Validate(ulong seriesRef, in Exemplar exemplar)
    {
        lock (_lock)
        {
            if (!_bySeries.TryGetValue(seriesRef, out var index))
            {
                return AppendStatus.Ok;
            }

            return Compare(_ring[index.Newest].Exemplar, exemplar);
        }
    }

    /// <summary>The verdict for <paramref name="candidate"/> arriving after <paramref name="newest"/>.</summary>
    public static AppendStatus Compare(in Exemplar newest, in Exemplar candidate)
    {
        if (newest.Equals(candidate))
        {
            return AppendStatus.DuplicateExemplar;
        }

        return candidate.TimestampMs <= newest.TimestampMs ? AppendStatus.OutOfOrderExemplar : AppendStatus.Ok;
    }

    /// <summary>Stores an exemplar, revalidating it since another batch may have stored a newer one.</summary>
    public AppendStatus Add(ulong seriesRef, in Exemplar exemplar)
    {
        lock (_lock)
        {
            var has = _bySeries.TryGetValue(seriesRef, out var index);
            if (has && Compare(_ring[index.Newest].Exemplar, exemplar) is var status and not AppendStatus.Ok)
            {
                return status;
            }

            var at = _next;
            ref var slot = ref _ring[at];
            if (slot.InUse)
            {
                // The slot holds the oldest exemplar of its series: unlink it from the front of that series' list.
                var owner = _bySeries[slot.SeriesRef];
                if (slot.Next < 0)
                {
                    _bySeries.Remove(slot.SeriesRef);
                    if (slot.SeriesRef == seriesRef)
                    {
                        has = false;
                    }
                }
                else
                {
                    _bySeries[slot.SeriesRef] = (slot.Next, owner.Newest);
                    if (slot.SeriesRef == seriesRef)
                    {
                        index = (slot.Next, owner.Newest);
                    }
                }
            }

            slot = new Entry { Exemplar = exemplar, SeriesRef = seriesRef, Next = -1, InUse = true };
            if (has)
            {
                _ring[index.Newest].Next = at;
                _bySeries[seriesRef] = (index.Oldest, at);
            }
            else
            {
                _bySeries[seriesRef] = (at, at);
            }

            _next = (at + 1) % _ring.Length;
            return AppendStatus.Ok;
        }
    }

    /// <summary>The exemplars of a series, oldest first.</summary>
    public List<Exemplar> Get(ulong seriesRef)
    {
        var result = new List<Exemplar>();
        lock (_lock)
        {
            if (_bySeries.TryGetValue(seriesRef, out var index))
            {
                for (var i = index.Oldest; i >= 0; i = _ring[i].Next)
                {
                    result.Add(_ring[i].Exemplar);
                }
            }
        }

        return result;
    }

    /// <summary>Forgets the exemplars of garbage-collected series (their slots are reused as the ring turns).</summary>
    public void RemoveSeries(HashSet<ulong> refs)
    {
        lock (_lock)
        {
            foreach (var r in refs)
            {
                if (_bySeries.Remove(r, out var index))
                {
                    for (var i = index.Oldest; i >= 0;)
                    {
                        var next = _ring[i].Next;
                        _ring[i] = new Entry { Next = -1 };
                        i = next;
                    }
                }
            }
        }
    }

    private struct Entry
    {
        public Exemplar Exemplar;
        public ulong SeriesRef;
        public int Next;
        public bool InUse;
    }
}
