namespace Pharos.Tsdb.Head;

/// <summary>
/// The head's self-metrics, named after the upstream series they will be exported as. Thread-safe; values are read
/// without locking and may be slightly stale.
/// </summary>
public sealed class HeadMetrics
{
    internal long OutOfOrderSamples;
    internal long OutOfBoundSamples;
    internal long DuplicateSamples;
    internal long SamplesAppended;
    internal long Series;
    internal long SeriesCreated;
    internal long SeriesRemoved;
    internal long Chunks;
    internal long ChunksCreated;
    internal long ChunksRemoved;

    /// <summary><c>prometheus_tsdb_out_of_order_samples_total</c>: samples rejected or dropped for being out of order.</summary>
    public long OutOfOrderSamplesTotal => Volatile.Read(ref OutOfOrderSamples);

    /// <summary><c>prometheus_tsdb_out_of_bound_samples_total</c>: samples older than the head accepts.</summary>
    public long OutOfBoundSamplesTotal => Volatile.Read(ref OutOfBoundSamples);

    /// <summary>Samples rejected for a timestamp already stored with another value.</summary>
    public long DuplicateSamplesTotal => Volatile.Read(ref DuplicateSamples);

    /// <summary><c>prometheus_tsdb_head_samples_appended_total</c>: samples written to chunks.</summary>
    public long HeadSamplesAppendedTotal => Volatile.Read(ref SamplesAppended);

    /// <summary><c>prometheus_tsdb_head_series</c>: series currently in the head.</summary>
    public long HeadSeries => Volatile.Read(ref Series);

    /// <summary><c>prometheus_tsdb_head_series_created_total</c>.</summary>
    public long HeadSeriesCreatedTotal => Volatile.Read(ref SeriesCreated);

    /// <summary><c>prometheus_tsdb_head_series_removed_total</c>.</summary>
    public long HeadSeriesRemovedTotal => Volatile.Read(ref SeriesRemoved);

    /// <summary><c>prometheus_tsdb_head_chunks</c>: chunks currently in the head.</summary>
    public long HeadChunks => Volatile.Read(ref Chunks);

    /// <summary><c>prometheus_tsdb_head_chunks_created_total</c>.</summary>
    public long HeadChunksCreatedTotal => Volatile.Read(ref ChunksCreated);

    /// <summary><c>prometheus_tsdb_head_chunks_removed_total</c>.</summary>
    public long HeadChunksRemovedTotal => Volatile.Read(ref ChunksRemoved);
}
