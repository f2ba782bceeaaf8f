namespace Pharos.Tsdb.Postings;

/// <summary>The references of one cursor that another does not contain.</summary>
internal sealed class RemovedPostings(PostingsIterator full, PostingsIterator remove) : PostingsIterator
{
    private bool _removeLive = true;
    private bool _removeStarted;

    public override ulong At => full.At;

    public override bool Next() => full.Next() && Skip();

    public override bool Seek(ulong value) => full.Seek(value) && Skip();

    private bool Skip()
    {
        while (true)
        {
            var candidate = full.At;
            if (_removeLive && (!_removeStarted || remove.At < candidate))
            {
                _removeStarted = true;
                _removeLive = remove.Seek(candidate);
            }

            if (!_removeLive || remove.At != candidate)
            {
                return true;
            }

            if (!full.Next())
            {
                return false;
            }
        }
    }
}
