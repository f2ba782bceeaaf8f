namespace Pharos.Storage;

/// <summary>
/// Wraps the series set of a secondary source (a remote read endpoint, say): its failure must not fail the query,
/// so an error ends the set early and is reported as a warning instead, as Prometheus's secondary querier does.
/// </summary>
internal sealed class SecondarySeriesSet(ISeriesSet inner) : ISeriesSet
{
    private string? _errorWarning;

    public ISeries Current => inner.Current;

    public Exception? Error => null;

    public IReadOnlyList<string> Warnings => _errorWarning is null ? inner.Warnings : [.. inner.Warnings, _errorWarning];

    public bool Next()
    {
        if (_errorWarning is not null)
        {
            return false;
        }

        if (inner.Next())
        {
            return true;
        }

        if (inner.Error is { } error and not OperationCanceledException)
        {
            _errorWarning = error.Message;
        }

        return false;
    }
}
