namespace Pharos.Storage;

/// <summary>
/// A forward-only cursor over series, as returned by <see cref="IQuerier.Select"/>. Not thread-safe. Call
/// <see cref="Next"/> until it returns false, then check <see cref="Error"/>.
/// </summary>
public interface ISeriesSet
{
    /// <summary>Advances to the next series.</summary>
    /// <returns>False when the set is exhausted or failed (see <see cref="Error"/>).</returns>
    bool Next();

    /// <summary>
    /// The current series; valid after <see cref="Next"/> returned true. The series object stays usable after
    /// further <see cref="Next"/> calls, for as long as the querier that produced it is not disposed.
    /// </summary>
    ISeries Current { get; }

    /// <summary>The error that ended iteration early, or null.</summary>
    Exception? Error { get; }

    /// <summary>Non-fatal problems found so far (complete once <see cref="Next"/> returned false); empty when none.</summary>
    IReadOnlyList<string> Warnings { get; }
}
