using Pharos.Model;

namespace Pharos.Storage;

/// <summary>
/// Read access to the series of a fixed time range. Not thread-safe: use one querier per query evaluation. Series,
/// labels and strings it returns stay valid until the querier is disposed (and, for in-memory and TSDB storages,
/// longer, since labels are immutable); iterators must not be used after disposal.
/// </summary>
public interface IQuerier : IDisposable
{
    /// <summary>
    /// Returns the series matching all <paramref name="matchers"/>, with samples limited to the querier's range (or
    /// to <see cref="SelectHints.StartMs"/>..<see cref="SelectHints.EndMs"/> when hints set a range, as the TSDB
    /// does; hints carrying only a limit leave the querier's range in force). Series without samples in the range
    /// are not returned. An empty
    /// matcher list selects nothing. A label a series lacks is matched as the empty string, so <c>{a=""}</c> selects
    /// series without <c>a</c>.
    /// </summary>
    /// <param name="sortSeries">
    /// Whether series must come in label order. Prefer false when order does not matter; merging needs true.
    /// </param>
    /// <param name="hints">Optional hints (time range, step, function, grouping, limit); implementations may ignore all but <see cref="SelectHints.Limit"/>.</param>
    /// <param name="matchers">The matchers; read during the call only.</param>
    /// <param name="cancellationToken">Cancels a long selection; the set then reports an <see cref="OperationCanceledException"/> as its error.</param>
    /// <returns>The series set, owned by the caller; errors are reported through <see cref="ISeriesSet.Error"/>, not thrown.</returns>
    ISeriesSet Select(bool sortSeries, SelectHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the distinct non-empty values of label <paramref name="name"/> in sorted (ordinal) order, restricted to
    /// series that match <paramref name="matchers"/> when any are given and that have data in the querier's range.
    /// </summary>
    /// <param name="name">The label name.</param>
    /// <param name="hints">Optional hints; <see cref="LabelHints.Limit"/> caps the number of values (0 = no limit).</param>
    /// <param name="matchers">Optional matchers; read during the call only.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The sorted values and any warnings.</returns>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    LabelQueryResult LabelValues(string name, LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the distinct label names in sorted (ordinal) order, restricted to series that match
    /// <paramref name="matchers"/> when any are given and that have data in the querier's range.
    /// </summary>
    /// <param name="hints">Optional hints; <see cref="LabelHints.Limit"/> caps the number of names (0 = no limit).</param>
    /// <param name="matchers">Optional matchers; read during the call only.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The sorted names and any warnings.</returns>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    LabelQueryResult LabelNames(LabelHints? hints, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default);
}
