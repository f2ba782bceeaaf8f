namespace Pharos.Tsdb.Postings;

/// <summary>A cursor over a sorted array of references; <see cref="Seek"/> gallops then binary-searches.</summary>
/// <param name="refs">Sorted, distinct references; referenced, not copied, and must not change while in use.</param>
public sealed class ListPostings(ReadOnlyMemory<ulong> refs) : PostingsIterator
{
    private readonly ReadOnlyMemory<ulong> _refs = refs;
    private int _index = -1;

    /// <summary>The number of references in the list (not the number left).</summary>
    public int Count => _refs.Length;

    /// <inheritdoc/>
    public override ulong At => _refs.Span[_index];

    /// <inheritdoc/>
    public override bool Next()
    {
        if (_index < _refs.Length)
        {
            _index++;
        }

        return _index < _refs.Length;
    }

    /// <inheritdoc/>
    public override bool Seek(ulong value)
    {
        var span = _refs.Span;
        var start = Math.Max(_index, 0);
        if (start >= span.Length)
        {
            _index = span.Length;
            return false;
        }

        if (span[start] >= value)
        {
            _index = start;
            return true;
        }

        // Gallop from the current position: intersections mostly seek a short distance ahead.
        var step = 1;
        var lo = start;
        var hi = start + 1;
        while (hi < span.Length && span[hi] < value)
        {
            lo = hi;
            step <<= 1;
            hi = lo + step;
        }

        hi = Math.Min(hi, span.Length);
        var found = span[(lo + 1)..hi].BinarySearch(value);
        _index = lo + 1 + (found >= 0 ? found : ~found);
        return _index < span.Length;
    }
}
