using Pharos.Model;

namespace Pharos.Tsdb.Postings;

/// <summary>
/// The head's in-memory inverted index (Prometheus's <c>index.MemPostings</c>): label name → value → sorted series
/// references, plus the list of every reference under the empty pair. Thread-safe: a reader-writer lock guards the
/// maps, and cursors read snapshots that later writes never modify, so they need no lock.
/// </summary>
public sealed class MemPostings : IPostingsIndex
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, ValueIndex> _names = new(StringComparer.Ordinal);
    private readonly PostingsList _all = new();

    /// <summary>The number of series references indexed.</summary>
    public int SeriesCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _all.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Indexes a series. References should arrive in increasing order; a late one is inserted in place.</summary>
    /// <param name="reference">The series reference.</param>
    /// <param name="labels">The series labels.</param>
    public void Add(ulong reference, in Labels labels)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var label in labels.Span)
            {
                if (!_names.TryGetValue(label.Name, out var values))
                {
                    values = new ValueIndex();
                    _names.Add(label.Name, values);
                }

                values.Add(label.Value, reference);
            }

            _all.Add(reference);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Removes references, as the head's garbage collection does. Only the lists of <paramref name="affected"/> label
    /// pairs are rewritten; lists and names left empty are dropped.
    /// </summary>
    /// <param name="deleted">The references to remove.</param>
    /// <param name="affected">Every label of every removed series.</param>
    public void Delete(HashSet<ulong> deleted, IEnumerable<Label> affected)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        ArgumentNullException.ThrowIfNull(affected);
        if (deleted.Count == 0)
        {
            return;
        }

        _lock.EnterWriteLock();
        try
        {
            foreach (var label in affected)
            {
                if (_names.TryGetValue(label.Name, out var values))
                {
                    values.Remove(label.Value, deleted);
                    if (values.IsEmpty)
                    {
                        _names.Remove(label.Name);
                    }
                }
            }

            _all.RemoveAll(deleted);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The label names with at least one series, sorted ordinally.</summary>
    /// <returns>A new array owned by the caller.</returns>
    public string[] LabelNames()
    {
        _lock.EnterReadLock();
        string[] names;
        try
        {
            names = [.. _names.Keys];
        }
        finally
        {
            _lock.ExitReadLock();
        }

        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    /// <summary>The values of a label, sorted ordinally.</summary>
    /// <param name="name">The label name.</param>
    /// <returns>An array owned by the index and shared between callers: do not modify it.</returns>
    public IReadOnlyList<string> LabelValues(string name)
    {
        _lock.EnterReadLock();
        try
        {
            return _names.TryGetValue(name, out var values) ? values.Sorted() : [];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc/>
    public PostingsIterator Postings(string name, string value)
    {
        _lock.EnterReadLock();
        try
        {
            return _names.TryGetValue(name, out var values) && values.TryGet(value, out var list)
                ? new ListPostings(list.Snapshot)
                : PostingsIterator.Empty;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc/>
    public PostingsIterator Postings(string name, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var its = new List<PostingsIterator>(values.Count);
        _lock.EnterReadLock();
        try
        {
            if (_names.TryGetValue(name, out var index))
            {
                foreach (var value in values)
                {
                    if (index.TryGet(value, out var list))
                    {
                        its.Add(new ListPostings(list.Snapshot));
                    }
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return PostingsIterator.Merge(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(its));
    }

    /// <inheritdoc/>
    public PostingsIterator PostingsForAllValues(string name) => PostingsForMatchingValues(name, "", static _ => true);

    /// <inheritdoc/>
    public PostingsIterator AllPostings()
    {
        _lock.EnterReadLock();
        try
        {
            return new ListPostings(_all.Snapshot);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc/>
    public PostingsIterator PostingsForMatchingValues(string name, string prefix, Func<string, bool> match)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(match);
        var its = new List<PostingsIterator>();
        _lock.EnterReadLock();
        try
        {
            if (_names.TryGetValue(name, out var index))
            {
                index.CollectMatching(prefix, match, its);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return PostingsIterator.Merge(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(its));
    }

    /// <summary>
    /// Calls <paramref name="visit"/> with every label name, value and number of series holding it, under the read
    /// lock (for cardinality statistics; keep the callback cheap).
    /// </summary>
    /// <param name="visit">Receives name, value and series count.</param>
    public void VisitCounts(Action<string, string, int> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        _lock.EnterReadLock();
        try
        {
            foreach (var (name, values) in _names)
            {
                foreach (var (value, list) in values.Lists)
                {
                    visit(name, value, list.Count);
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The values of one label name with their lists, and a sorted copy of the values built on demand.</summary>
    private sealed class ValueIndex
    {
        private readonly Dictionary<string, PostingsList> _lists = new(StringComparer.Ordinal);
        private string[]? _sorted;

        public IReadOnlyDictionary<string, PostingsList> Lists => _lists;

        public bool IsEmpty => _lists.Count == 0;

        public void Add(string value, ulong reference)
        {
            if (!_lists.TryGetValue(value, out var list))
            {
                list = new PostingsList();
                _lists.Add(value, list);
                _sorted = null;
            }

            list.Add(reference);
        }

        public bool TryGet(string value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PostingsList? list) =>
            _lists.TryGetValue(value, out list);

        public void Remove(string value, HashSet<ulong> deleted)
        {
            if (_lists.TryGetValue(value, out var list) && list.RemoveAll(deleted) == 0)
            {
                _lists.Remove(value);
                _sorted = null;
            }
        }

        /// <summary>
        /// Sorted values, cached until a value is added or removed. Called under the read lock by many readers at
        /// once; a race only builds the same array twice, and the reference write is atomic.
        /// </summary>
        public string[] Sorted()
        {
            var sorted = Volatile.Read(ref _sorted);
            if (sorted is null)
            {
                sorted = [.. _lists.Keys];
                Array.Sort(sorted, StringComparer.Ordinal);
                Volatile.Write(ref _sorted, sorted);
            }

            return sorted;
        }

        public void CollectMatching(string prefix, Func<string, bool> match, List<PostingsIterator> its)
        {
            if (prefix.Length == 0)
            {
                foreach (var (value, list) in _lists)
                {
                    if (match(value))
                    {
                        its.Add(new ListPostings(list.Snapshot));
                    }
                }

                return;
            }

            // A literal prefix narrows the scan to a range of the sorted values.
            var sorted = Sorted();
            var start = Array.BinarySearch(sorted, prefix, StringComparer.Ordinal);
            for (var i = start >= 0 ? start : ~start; i < sorted.Length && sorted[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            {
                if (match(sorted[i]))
                {
                    its.Add(new ListPostings(_lists[sorted[i]].Snapshot));
                }
            }
        }
    }
}
