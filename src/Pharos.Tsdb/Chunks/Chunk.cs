namespace Pharos.Tsdb.Chunks;

/// <summary>Creates chunks from their encoding and bytes (Prometheus <c>chunkenc.FromData</c>).</summary>
public static class Chunk
{
    /// <summary>Wraps encoded bytes in the chunk type of <paramref name="encoding"/>.</summary>
    /// <param name="encoding">The stored encoding, without the head chunk out-of-order bit.</param>
    /// <param name="bytes">The chunk bytes; copied.</param>
    /// <returns>The chunk.</returns>
    /// <exception cref="NotSupportedException">An encoding this build cannot decode.</exception>
    /// <exception cref="InvalidDataException">The bytes are too short for the encoding.</exception>
    public static IChunk FromBytes(ChunkEncoding encoding, ReadOnlySpan<byte> bytes) => encoding switch
    {
        ChunkEncoding.Xor => XorChunk.FromBytes(bytes),

        // TODO(#3): HistogramChunk and FloatHistogramChunk (varbit bucket encodings).
        _ => throw new NotSupportedException($"Chunk encoding {encoding} ({(byte)encoding}) is not supported."),
    };
}
