namespace Pharos.Tsdb.Postings;

/// <summary>The union of several cursors through a min-heap keyed by each cursor's current value.</summary>
internal sealed class MergedPostings(List<PostingsIterator> its) : PostingsIterator
{
    private readonly PriorityQueue<PostingsIterator, ulong> _heap = new(its.Count);
    private bool _started;
    private bool _done;
    private ulong _current;

    public override ulong At => _current;

    public override bool Next()
    {
        if (_done)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
            foreach (var it in its)
            {
                if (it.Next())
                {
                    _heap.Enqueue(it, it.At);
                }
            }

            return Pop(hasCurrent: false);
        }

        return Pop(hasCurrent: true);
    }

    public override bool Seek(ulong value)
    {
        if (_done)
        {
            return false;
        }

        if (_started && _current >= value)
        {
            return true;
        }

        // Re-seat every cursor at or after the target; cheap since each cursor seeks itself.
        var rest = new List<PostingsIterator>(_heap.Count + its.Count);
        if (!_started)
        {
            rest.AddRange(its);
            _started = true;
        }
        else
        {
            while (_heap.TryDequeue(out var it, out _))
            {
                rest.Add(it);
            }
        }

        foreach (var it in rest)
        {
            if (it.Seek(value))
            {
                _heap.Enqueue(it, it.At);
            }
        }

        return Pop(hasCurrent: false);
    }

    private bool Pop(bool hasCurrent)
    {
        // Advance every cursor still sitting on the current value, then take the smallest.
        if (hasCurrent)
        {
            while (_heap.TryPeek(out var it, out var at) && at == _current)
            {
                _heap.Dequeue();
                if (it.Next())
                {
                    _heap.Enqueue(it, it.At);
                }
            }
        }

        if (!_heap.TryPeek(out _, out var min))
        {
            _done = true;
            return false;
        }

        _current = min;
        return true;
    }
}
