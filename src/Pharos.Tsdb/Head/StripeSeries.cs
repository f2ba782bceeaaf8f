using Pharos.Model;

namespace Pharos.Tsdb.Head;

/// <summary>
/// Series by label hash, split into independently locked stripes as Prometheus's <c>stripeSeries</c>, so creating
/// and looking up series scales across cores. Hash collisions chain through <see cref="MemSeries.NextWithSameHash"/>.
/// </summary>
internal sealed class StripeSeries
{
    private readonly Stripe[] _stripes;
    private readonly ulong _mask;

    public StripeSeries(int stripeSize)
    {
        if (stripeSize <= 0 || (stripeSize & (stripeSize - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stripeSize), stripeSize, "The stripe size must be a power of two.");
        }

        _stripes = new Stripe[stripeSize];
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new Stripe();
        }

        _mask = (ulong)stripeSize - 1;
    }

    public int StripeCount => _stripes.Length;

    /// <summary>Finds the series with these labels, or creates it with <paramref name="create"/> under the stripe lock.</summary>
    public MemSeries GetOrCreate<TState>(ulong hash, in Labels labels, Func<TState, ulong, Labels, MemSeries> create, TState state, out bool created)
    {
        var stripe = _stripes[hash & _mask];
        lock (stripe.Lock)
        {
            var map = stripe.Map ??= [];
            if (map.TryGetValue(hash, out var first))
            {
                for (var s = first; s is not null; s = s.NextWithSameHash)
                {
                    if (s.Labels == labels)
                    {
                        created = false;
                        return s;
                    }
                }
            }

            var series = create(state, hash, labels);
            series.NextWithSameHash = first;
            map[hash] = series;
            created = true;
            return series;
        }
    }

    public MemSeries? Get(ulong hash, in Labels labels)
    {
        var stripe = _stripes[hash & _mask];
        lock (stripe.Lock)
        {
            if (stripe.Map is { } map && map.TryGetValue(hash, out var first))
            {
                for (var s = first; s is not null; s = s.NextWithSameHash)
                {
                    if (s.Labels == labels)
                    {
                        return s;
                    }
                }
            }

            return null;
        }
    }

    /// <summary>Visits every series of one stripe under its lock; the visitor returns true to unlink the series.</summary>
    public void RemoveWhere(int stripeIndex, Func<MemSeries, bool> remove)
    {
        var stripe = _stripes[stripeIndex];
        lock (stripe.Lock)
        {
            if (stripe.Map is not { Count: > 0 } map)
            {
                return;
            }

            List<ulong>? emptied = null;
            List<(ulong, MemSeries)>? rechained = null;
            foreach (var (hash, first) in map)
            {
                MemSeries? head = null, tail = null;
                var changed = false;
                for (var s = first; s is not null;)
                {
                    var next = s.NextWithSameHash;
                    if (remove(s))
                    {
                        changed = true;
                    }
                    else
                    {
                        s.NextWithSameHash = null;
                        if (tail is null)
                        {
                            head = s;
                        }
                        else
                        {
                            tail.NextWithSameHash = s;
                        }

                        tail = s;
                    }

                    s = next;
                }

                if (head is null)
                {
                    (emptied ??= []).Add(hash);
                }
                else if (changed)
                {
                    (rechained ??= []).Add((hash, head));
                }
            }

            foreach (var hash in emptied ?? [])
            {
                map.Remove(hash);
            }

            foreach (var (hash, head) in rechained ?? [])
            {
                map[hash] = head;
            }
        }
    }

    /// <summary>
    /// A stripe. The padding keeps consecutive stripes, and the lock objects allocated right after them, on
    /// different cache lines, so appenders on neighbouring stripes do not contend on one line.
    /// </summary>
    private sealed class Stripe
    {
        public readonly Lock Lock = new();
        public Dictionary<ulong, MemSeries>? Map;
#pragma warning disable CS0169, IDE0051 // Padding only.
        private readonly long _pad0, _pad1, _pad2, _pad3, _pad4, _pad5, _pad6;
#pragma warning restore CS0169, IDE0051
    }
}
