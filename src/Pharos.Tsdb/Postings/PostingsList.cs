namespace Pharos.Tsdb.Postings;

/// <summary>
/// One sorted list of references in <see cref="MemPostings"/>. Appends past the end happen in place, so snapshots
/// (an array and a length) taken earlier stay valid; anything that would move existing elements (an insertion out of
/// order, a deletion) builds a new array instead. Guarded by the owning index's lock.
/// </summary>
internal sealed class PostingsList
{
    private ulong[] _items = new ulong[1];
    private int _count;

    public int Count => _count;

    public ReadOnlyMemory<ulong> Snapshot => _items.AsMemory(0, _count);

    public void Add(ulong value)
    {
        if (_count == 0 || _items[_count - 1] < value)
        {
            if (_count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }

            _items[_count++] = value;
            return;
        }

        // Series created concurrently can arrive slightly out of order: copy instead of shifting in place.
        var at = _items.AsSpan(0, _count).BinarySearch(value);
        if (at >= 0)
        {
            return;
        }

        at = ~at;
        var copy = new ulong[Math.Max(_items.Length, _count + 1)];
        _items.AsSpan(0, at).CopyTo(copy);
        copy[at] = value;
        _items.AsSpan(at, _count - at).CopyTo(copy.AsSpan(at + 1));
        _items = copy;
        _count++;
    }

    /// <summary>Removes the given references; returns the number left.</summary>
    public int RemoveAll(HashSet<ulong> deleted)
    {
        var kept = new List<ulong>(_count);
        foreach (var r in _items.AsSpan(0, _count))
        {
            if (!deleted.Contains(r))
            {
                kept.Add(r);
            }
        }

        if (kept.Count != _count)
        {
            _items = kept.Count == 0 ? new ulong[1] : [.. kept];
            _count = kept.Count;
        }

        return _count;
    }
}
