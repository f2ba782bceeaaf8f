namespace Pharos.Tsdb.Chunks;

/// <summary>
/// Walks the samples of one chunk in order (Prometheus <c>chunkenc.Iterator</c>). Not thread-safe; reusable through
/// <see cref="IChunk.CreateIterator"/>. Allocation-free per sample. A decoding failure ends iteration and is reported
/// by <see cref="Error"/>.
/// </summary>
public interface IChunkIterator
{
    /// <summary>Advances to the next sample.</summary>
    /// <returns>The kind of the new sample, or <see cref="ChunkValueType.None"/> at the end or on error.</returns>
    ChunkValueType Next();

    /// <summary>
    /// Advances to the first sample at or after <paramref name="timestampMs"/>; never moves backwards, and before the
    /// first <see cref="Next"/> starts from the first sample.
    /// </summary>
    /// <param name="timestampMs">The timestamp to reach.</param>
    /// <returns>The kind of the sample found, or <see cref="ChunkValueType.None"/>.</returns>
    ChunkValueType Seek(long timestampMs);

    /// <summary>The current float sample; valid after <see cref="Next"/> or <see cref="Seek"/> returned <see cref="ChunkValueType.Float"/>.</summary>
    /// <returns>The timestamp and the value.</returns>
    (long TimestampMs, double Value) At();

    /// <summary>The timestamp of the current sample of any kind.</summary>
    /// <returns>Milliseconds since the Unix epoch.</returns>
    long AtTimestamp();

    /// <summary>The decoding error that ended iteration, or null.</summary>
    Exception? Error { get; }
}
