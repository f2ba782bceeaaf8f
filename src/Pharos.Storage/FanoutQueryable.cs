namespace Pharos.Storage;

/// <summary>
/// Queries a primary storage and secondary ones (remote reads) as one, through a <see cref="MergeQuerier"/>: the
/// read side of Prometheus's fan-out storage. Thread-safe, as its parts are.
/// </summary>
public sealed class FanoutQueryable : IQueryable
{
    private readonly IQueryable _primary;
    private readonly IQueryable[] _secondaries;

    /// <summary>Creates the fan-out.</summary>
    /// <param name="primary">The storage whose failures fail queries.</param>
    /// <param name="secondaries">Storages whose failures only add warnings.</param>
    public FanoutQueryable(IQueryable primary, params IQueryable[] secondaries)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(secondaries);
        _primary = primary;
        _secondaries = secondaries;
    }

    /// <inheritdoc/>
    public IQuerier CreateQuerier(long minTimeMs, long maxTimeMs)
    {
        var primary = _primary.CreateQuerier(minTimeMs, maxTimeMs);
        if (_secondaries.Length == 0)
        {
            return primary;
        }

        var secondaries = new List<IQuerier>(_secondaries.Length);
        try
        {
            foreach (var s in _secondaries)
            {
                secondaries.Add(s.CreateQuerier(minTimeMs, maxTimeMs));
            }
        }
        catch
        {
            primary.Dispose();
            foreach (var q in secondaries)
            {
                q.Dispose();
            }

            throw;
        }

        return new MergeQuerier([primary], secondaries);
    }
}
