namespace Pharos.Tsdb.Chunks;

/// <summary>
/// A compressed run of samples of one series, as stored on disk (Prometheus <c>chunkenc.Chunk</c>). The first two
/// bytes of every encoding hold the sample count, big-endian. Not thread-safe: one appender writes, and iterators
/// must not run while it does (the head serialises both with the series lock).
/// </summary>
public interface IChunk
{
    /// <summary>The encoding, as stored next to the bytes on disk.</summary>
    ChunkEncoding Encoding { get; }

    /// <summary>The encoded bytes. Valid until the next append.</summary>
    ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The number of samples.</summary>
    int NumSamples { get; }

    /// <summary>
    /// Returns an appender that continues after the existing samples. For a chunk decoded from bytes this iterates
    /// the chunk once to recover the encoder state.
    /// </summary>
    /// <returns>The appender; only one may be used at a time.</returns>
    /// <exception cref="InvalidDataException">The existing bytes do not decode.</exception>
    IChunkAppender CreateAppender();

    /// <summary>Returns an iterator from the first sample, reusing <paramref name="reuse"/> when it fits.</summary>
    /// <param name="reuse">An iterator from an earlier call, or null.</param>
    /// <returns>An iterator positioned before the first sample.</returns>
    IChunkIterator CreateIterator(IChunkIterator? reuse = null);

    /// <summary>Drops spare buffer capacity once the chunk is complete.</summary>
    void Compact();
}
