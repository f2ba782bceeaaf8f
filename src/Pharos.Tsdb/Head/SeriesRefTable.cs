namespace Pharos.Tsdb.Head;

/// <summary>
/// Series by reference, for the appender's fast path: references are dense increasing integers, so a two-level
/// array finds a series with two loads and no hashing or locking. Pages whose series were all garbage-collected are
/// released, so a head with series churn keeps only a pointer per 4,096 references it ever issued. Reads are
/// lock-free; writes take a lock.
/// </summary>
internal sealed class SeriesRefTable
{
    private const int PageBits = 12;
    private const int PageSize = 1 << PageBits;

    private readonly Lock _lock = new();
    private Page?[] _pages = new Page?[16];

    public MemSeries? Get(ulong reference)
    {
        var pages = Volatile.Read(ref _pages);
        var p = reference >> PageBits;
        if (p >= (ulong)pages.Length)
        {
            return null;
        }

        var page = Volatile.Read(ref pages[p]);
        return page is null ? null : Volatile.Read(ref page.Items[reference & (PageSize - 1)]);
    }

    public void Set(MemSeries series)
    {
        var r = series.Ref;
        lock (_lock)
        {
            var p = (int)(r >> PageBits);
            if (p >= _pages.Length)
            {
                var grown = new Page?[Math.Max(_pages.Length * 2, p + 1)];
                _pages.CopyTo(grown, 0);
                Volatile.Write(ref _pages, grown);
            }

            var page = _pages[p];
            if (page is null)
            {
                page = new Page();
                Volatile.Write(ref _pages[p], page);
            }

            Volatile.Write(ref page.Items[r & (PageSize - 1)], series);
            page.Live++;
        }
    }

    /// <summary>Removes a series; releases its page when empty, unless newer references may still land on it.</summary>
    public void Remove(MemSeries series, ulong lastIssuedRef)
    {
        var r = series.Ref;
        lock (_lock)
        {
            var p = (int)(r >> PageBits);
            if (p >= _pages.Length || _pages[p] is not { } page || page.Items[r & (PageSize - 1)] != series)
            {
                return;
            }

            Volatile.Write(ref page.Items[r & (PageSize - 1)], null);
            page.Live--;
            if (page.Live == 0 && (lastIssuedRef >> PageBits) > (ulong)p)
            {
                Volatile.Write(ref _pages[p], null);
            }
        }
    }

    private sealed class Page
    {
        public readonly MemSeries?[] Items = new MemSeries?[PageSize];
        public int Live;
    }
}
