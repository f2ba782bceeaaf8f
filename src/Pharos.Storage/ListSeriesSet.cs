namespace Pharos.Storage;

/// <summary>A series set over a list of series, returned in list order. Not thread-safe; single pass.</summary>
public sealed class ListSeriesSet : ISeriesSet
{
    private readonly IReadOnlyList<ISeries> _series;
    private int _index = -1;

    /// <summary>Creates a set.</summary>
    /// <param name="series">The series, in the order to return them; referenced, not copied.</param>
    /// <param name="warnings">Warnings to report, or null.</param>
    public ListSeriesSet(IReadOnlyList<ISeries> series, IReadOnlyList<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        _series = series;
        Warnings = warnings ?? [];
    }

    /// <inheritdoc/>
    public ISeries Current => _series[_index];

    /// <inheritdoc/>
    public Exception? Error => null;

    /// <inheritdoc/>
    public IReadOnlyList<string> Warnings { get; }

    /// <inheritdoc/>
    public bool Next()
    {
        if (_index >= _series.Count)
        {
            return false;
        }

        _index++;
        return _index < _series.Count;
    }
}
