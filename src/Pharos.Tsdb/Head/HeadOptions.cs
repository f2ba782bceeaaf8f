namespace Pharos.Tsdb.Head;

/// <summary>Settings of the <see cref="Head"/>, with Prometheus's defaults. Immutable.</summary>
public sealed record HeadOptions
{
    /// <summary>Two hours: the default chunk range, and so the span of the blocks the head is cut into.</summary>
    public const long DefaultChunkRangeMs = 2 * 60 * 60 * 1000;

    /// <summary>
    /// The width of the aligned time ranges chunks never straddle, in milliseconds (upstream's <c>chunkRange</c>,
    /// <c>storage.tsdb.min-block-duration</c>). Samples older than the newest sample minus half of it are out of
    /// bounds.
    /// </summary>
    public long ChunkRangeMs { get; init; } = DefaultChunkRangeMs;

    /// <summary>
    /// The number of samples a chunk aims for (upstream's <c>samplesPerChunk</c>, 120). Chunks are cut so a range
    /// spreads evenly over chunks of about this size, and never hold more than twice as many.
    /// </summary>
    public int SamplesPerChunk { get; init; } = 120;

    /// <summary>
    /// The number of lock stripes for the series hash map (upstream's <c>StripeSize</c>, 16,384); a power of two.
    /// </summary>
    public int StripeSize { get; init; } = 16_384;

    /// <summary>The capacity of the exemplar ring buffer shared by every series; 0 disables exemplars.</summary>
    public int MaxExemplars { get; init; } = 100_000;

    /// <summary>A clock, used for nothing yet but kept so later stages (WAL, retention) share one source.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
