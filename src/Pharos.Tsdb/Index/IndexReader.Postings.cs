using Pharos.Tsdb.Postings;

namespace Pharos.Tsdb.Index;

/// <summary>Postings lookups: <see cref="IPostingsIndex"/> over the file's postings lists.</summary>
public sealed partial class IndexReader : IPostingsIndex
{
    /// <inheritdoc />
    public PostingsIterator Postings(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!_postingsTable.TryGetValue(name, out var table))
        {
            return PostingsIterator.Empty;
        }

        var i = Array.BinarySearch(table.Values, value, Utf8ByteOrder.Instance);
        return i < 0 ? PostingsIterator.Empty : ReadPostings(table.Offsets[i]);
    }

    /// <inheritdoc />
    public PostingsIterator Postings(string name, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var its = new PostingsIterator[values.Count];
        for (var i = 0; i < its.Length; i++)
        {
            its[i] = Postings(name, values[i]);
        }

        return PostingsIterator.Merge(its);
    }

    /// <inheritdoc />
    public PostingsIterator PostingsForAllValues(string name) => PostingsForMatchingValues(name, string.Empty, static _ => true);

    /// <inheritdoc />
    public PostingsIterator AllPostings() =>
        _allPostingsOffset < 0 ? PostingsIterator.Empty : ReadPostings(_allPostingsOffset);

    /// <inheritdoc />
    public PostingsIterator PostingsForMatchingValues(string name, string prefix, Func<string, bool> match)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(match);
        if (!_postingsTable.TryGetValue(name, out var table))
        {
            return PostingsIterator.Empty;
        }

        // Values are sorted, so the ones with the prefix form one run starting at the prefix's insertion point.
        var start = 0;
        if (prefix.Length > 0)
        {
            start = Array.BinarySearch(table.Values, prefix, Utf8ByteOrder.Instance);
            start = start < 0 ? ~start : start;
        }

        var its = new List<PostingsIterator>();
        for (var i = start; i < table.Values.Length; i++)
        {
            var value = table.Values[i];
            if (prefix.Length > 0 && !value.StartsWith(prefix, StringComparison.Ordinal))
            {
                break;
            }

            if (match(value))
            {
                its.Add(ReadPostings(table.Offsets[i]));
            }
        }

        return PostingsIterator.Merge(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(its));
    }

    /// <summary>Reads and verifies the postings list at <paramref name="offset"/>.</summary>
    private ListPostings ReadPostings(long offset)
    {
        var content = ReadSection(offset, "postings list");
        var count = ReadCount(content, "postings list");
        if (content.Length != 4 + (4L * count))
        {
            ThrowCorrupt($"postings list at offset {offset} holds {content.Length} bytes for {count} entries");
        }

        var refs = new ulong[count];
        for (var i = 0; i < refs.Length; i++)
        {
            refs[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(4 + (4 * i)));
        }

        return new ListPostings(refs);
    }
}
