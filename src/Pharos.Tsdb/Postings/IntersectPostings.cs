namespace Pharos.Tsdb.Postings;

/// <summary>The intersection of several cursors: leapfrogs by seeking every cursor to the largest current value.</summary>
internal sealed class IntersectPostings(PostingsIterator[] its) : PostingsIterator
{
    private ulong _current;

    public override ulong At => _current;

    public override bool Next()
    {
        if (!its[0].Next())
        {
            return false;
        }

        return Align(its[0].At);
    }

    public override bool Seek(ulong value)
    {
        if (!its[0].Seek(value))
        {
            return false;
        }

        return Align(its[0].At);
    }

    private bool Align(ulong target)
    {
        while (true)
        {
            var agreed = true;
            foreach (var it in its)
            {
                if (!it.Seek(target))
                {
                    return false;
                }

                if (it.At != target)
                {
                    // A larger value: every cursor must reach it, starting over.
                    target = it.At;
                    agreed = false;
                }
            }

            if (agreed)
            {
                _current = target;
                return true;
            }
        }
    }
}
