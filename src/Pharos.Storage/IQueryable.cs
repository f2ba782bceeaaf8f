namespace Pharos.Storage;

/// <summary>Something that can be queried: the TSDB, in-memory storage, a merge of several sources. Thread-safe.</summary>
public interface IQueryable
{
    /// <summary>
    /// Opens a querier over a fixed time range. The querier sees the data committed before this call (and possibly
    /// some committed later, never partial batches) and must be disposed by the caller.
    /// </summary>
    /// <param name="minTimeMs">Inclusive start, milliseconds since the Unix epoch.</param>
    /// <param name="maxTimeMs">Inclusive end, milliseconds since the Unix epoch.</param>
    /// <returns>A new querier owned by the caller.</returns>
    IQuerier CreateQuerier(long minTimeMs, long maxTimeMs);
}
