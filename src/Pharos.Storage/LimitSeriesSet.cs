namespace Pharos.Storage;

/// <summary>Stops a series set after a number of series, to honour <see cref="SelectHints.Limit"/> after a merge.</summary>
internal sealed class LimitSeriesSet(ISeriesSet inner, int limit) : ISeriesSet
{
    private int _returned;

    public ISeries Current => inner.Current;

    public Exception? Error => inner.Error;

    public IReadOnlyList<string> Warnings => inner.Warnings;

    public bool Next()
    {
        if (_returned >= limit)
        {
            return false;
        }

        if (!inner.Next())
        {
            return false;
        }

        _returned++;
        return true;
    }
}
