namespace Pharos.Tsdb.Postings;

/// <summary>
/// What <see cref="PostingsForMatchers"/> needs from an index: postings per label pair and the values of a label
/// (Prometheus's <c>IndexPostingsReader</c>). The head's <see cref="MemPostings"/> implements it; a block index reader
/// will too. Thread-safe.
/// </summary>
public interface IPostingsIndex
{
    /// <summary>The references of the series with label <paramref name="name"/>=<paramref name="value"/>.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="value">The label value.</param>
    /// <returns>A cursor owned by the caller; <see cref="PostingsIterator.Empty"/> when none.</returns>
    PostingsIterator Postings(string name, string value);

    /// <summary>The union of the postings of several values of one label.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="values">The values; read during the call only.</param>
    /// <returns>A cursor owned by the caller.</returns>
    PostingsIterator Postings(string name, IReadOnlyList<string> values);

    /// <summary>The references of every series that has label <paramref name="name"/> (with any non-empty value).</summary>
    /// <param name="name">The label name.</param>
    /// <returns>A cursor owned by the caller.</returns>
    PostingsIterator PostingsForAllValues(string name);

    /// <summary>The references of every series in the index.</summary>
    /// <returns>A cursor owned by the caller.</returns>
    PostingsIterator AllPostings();

    /// <summary>The union of the postings of the values of <paramref name="name"/> that <paramref name="match"/> accepts.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="prefix">A prefix every accepted value has (values without it are skipped unseen), or empty.</param>
    /// <param name="match">The value predicate.</param>
    /// <returns>A cursor owned by the caller.</returns>
    PostingsIterator PostingsForMatchingValues(string name, string prefix, Func<string, bool> match);
}
