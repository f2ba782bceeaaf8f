namespace Pharos.Tsdb.Chunks;

/// <summary>
/// Adds samples to the end of a chunk (Prometheus <c>chunkenc.Appender</c>). Callers check ordering and chunk
/// capacity first: the appender encodes whatever it gets. Single-threaded; allocation-free per sample apart from the
/// amortised growth of the chunk's buffer.
/// </summary>
public interface IChunkAppender
{
    /// <summary>Appends a float sample.</summary>
    /// <param name="timestampMs">The timestamp; not less than the previous one.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="NotSupportedException">The chunk does not store floats.</exception>
    void Append(long timestampMs, double value);
}
