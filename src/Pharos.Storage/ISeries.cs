using Pharos.Model;

namespace Pharos.Storage;

/// <summary>One series of a <see cref="ISeriesSet"/>: its labels and a way to iterate its samples.</summary>
public interface ISeries
{
    /// <summary>The series labels; immutable, so they may be kept after the querier is disposed.</summary>
    Labels Labels { get; }

    /// <summary>
    /// Returns an iterator positioned before the first sample. Each call returns an independent iterator (or
    /// <paramref name="reuse"/>, reset), so the series can be read more than once.
    /// </summary>
    /// <param name="reuse">An iterator the caller no longer needs, which the series may reset and return to avoid allocating; or null.</param>
    /// <returns>The iterator, owned by the caller; valid until the querier is disposed.</returns>
    ISampleIterator Iterator(ISampleIterator? reuse);
}
