namespace Pharos.Tsdb.Postings;

/// <summary>
/// A forward-only cursor over a sorted list of series references without duplicates (Prometheus's
/// <c>index.Postings</c>). Not thread-safe; single pass. Set operations compose cursors lazily, so an intersection of
/// a short list with a long one costs about the short one.
/// </summary>
public abstract class PostingsIterator
{
    /// <summary>A cursor with no references. Stateless, so one instance serves everyone.</summary>
    public static PostingsIterator Empty { get; } = new EmptyPostings();

    /// <summary>The current reference; valid after <see cref="Next"/> or <see cref="Seek"/> returned true.</summary>
    public abstract ulong At { get; }

    /// <summary>Advances to the next reference.</summary>
    /// <returns>False when exhausted (for good).</returns>
    public abstract bool Next();

    /// <summary>
    /// Advances to the first reference at or after <paramref name="value"/>. Never moves backwards: when the current
    /// reference already qualifies, it stays put. Before the first <see cref="Next"/>, seeks from the start.
    /// </summary>
    /// <param name="value">The reference to reach.</param>
    /// <returns>False when there is none (the cursor is then exhausted).</returns>
    public abstract bool Seek(ulong value);

    /// <summary>The references present in every one of <paramref name="its"/>; empty for no input.</summary>
    /// <param name="its">The cursors; consumed.</param>
    /// <returns>A cursor over the intersection.</returns>
    public static PostingsIterator Intersect(params ReadOnlySpan<PostingsIterator> its)
    {
        if (its.IsEmpty)
        {
            return Empty;
        }

        if (its.Length == 1)
        {
            return its[0];
        }

        foreach (var it in its)
        {
            if (ReferenceEquals(it, Empty))
            {
                return Empty;
            }
        }

        return new IntersectPostings(its.ToArray());
    }

    /// <summary>The references present in any of <paramref name="its"/>, each once.</summary>
    /// <param name="its">The cursors; consumed.</param>
    /// <returns>A cursor over the union.</returns>
    public static PostingsIterator Merge(params ReadOnlySpan<PostingsIterator> its)
    {
        var live = new List<PostingsIterator>(its.Length);
        foreach (var it in its)
        {
            if (!ReferenceEquals(it, Empty))
            {
                live.Add(it);
            }
        }

        return live.Count switch
        {
            0 => Empty,
            1 => live[0],
            _ => new MergedPostings(live),
        };
    }

    /// <summary>The references of <paramref name="full"/> that are not in <paramref name="drop"/>.</summary>
    /// <param name="full">The base cursor; consumed.</param>
    /// <param name="drop">The cursor of references to remove; consumed.</param>
    /// <returns>A cursor over the difference.</returns>
    public static PostingsIterator Without(PostingsIterator full, PostingsIterator drop)
    {
        ArgumentNullException.ThrowIfNull(full);
        ArgumentNullException.ThrowIfNull(drop);
        if (ReferenceEquals(full, Empty))
        {
            return Empty;
        }

        return ReferenceEquals(drop, Empty) ? full : new RemovedPostings(full, drop);
    }

    /// <summary>Drains a cursor into a list.</summary>
    /// <param name="it">The cursor; consumed.</param>
    /// <returns>The references in order.</returns>
    public static List<ulong> Expand(PostingsIterator it)
    {
        ArgumentNullException.ThrowIfNull(it);
        var result = new List<ulong>();
        while (it.Next())
        {
            result.Add(it.At);
        }

        return result;
    }

    private sealed class EmptyPostings : PostingsIterator
    {
        public override ulong At => 0;

        public override bool Next() => false;

        public override bool Seek(ulong value) => false;
    }
}
