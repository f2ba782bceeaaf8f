using System.Buffers.Binary;

namespace Pharos.Tsdb.Chunks;

/// <summary>
/// A float chunk in Prometheus's XOR encoding (Gorilla compression with millisecond delta-of-delta buckets). Layout,
/// detailed in <c>docs/formats/chunks.md</c>:
/// <code>
/// ┌──────────────────┬─────────────────────────────┬──────────────────────────────┬─────────────────────────┐
/// │ count &lt;uint16 BE&gt; │ t0 &lt;varint&gt; v0 &lt;64 bits&gt;    │ Δt1 &lt;uvarint&gt; v1 &lt;xor&gt;      │ ΔΔtₙ &lt;bucket&gt; vₙ &lt;xor&gt; … │
/// └──────────────────┴─────────────────────────────┴──────────────────────────────┴─────────────────────────┘
/// </code>
/// Not thread-safe. The head cuts chunks at 120 samples; nothing here enforces a limit below 65,535.
/// </summary>
public sealed class XorChunk : IChunk
{
    private readonly BStream _stream;

    /// <summary>Creates an empty chunk.</summary>
    public XorChunk()
    {
        _stream = new BStream(128);
        _stream.WriteAlignedBytes([0, 0]);
    }

    private XorChunk(BStream stream) => _stream = stream;

    /// <summary>Wraps encoded bytes read from disk or the network.</summary>
    /// <param name="bytes">The chunk bytes, starting with the sample count; copied.</param>
    /// <returns>The chunk.</returns>
    /// <exception cref="InvalidDataException">Fewer than two bytes.</exception>
    public static XorChunk FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 2)
        {
            throw new InvalidDataException($"XOR chunk of {bytes.Length} bytes has no sample count.");
        }

        // The free bits of the last byte are unknown until the samples are walked; CreateAppender derives them.
        return new XorChunk(new BStream(bytes, freeBits: 0));
    }

    /// <inheritdoc />
    public ChunkEncoding Encoding => ChunkEncoding.Xor;

    /// <inheritdoc />
    public ReadOnlyMemory<byte> Bytes => _stream.Memory;

    /// <inheritdoc />
    public int NumSamples => BinaryPrimitives.ReadUInt16BigEndian(_stream.Bytes);

    /// <inheritdoc />
    public IChunkAppender CreateAppender()
    {
        // As Prometheus: replay the chunk to learn the encoder state it would have after appending everything.
        var iterator = new XorIterator(_stream.Memory);
        while (iterator.Next() != ChunkValueType.None)
        {
        }

        if (iterator.Error is { } error)
        {
            throw new InvalidDataException("Cannot append to a corrupt XOR chunk.", error);
        }

        var usedBits = iterator.BitPosition + 16;
        var freeBits = (int)(((long)_stream.Length * 8) - usedBits);
        if (freeBits is < 0 or > 8)
        {
            throw new InvalidDataException($"XOR chunk has {freeBits} bits after its last sample.");
        }

        var stream = _stream;
        if (freeBits != stream.FreeBits)
        {
            // Bytes from disk: the padding after the last sample is only known now.
            stream.SetFreeBits(freeBits);
        }

        return new XorAppender(stream, iterator.State, NumSamples);
    }

    /// <inheritdoc />
    public IChunkIterator CreateIterator(IChunkIterator? reuse = null)
    {
        if (reuse is XorIterator iterator)
        {
            iterator.Reset(_stream.Memory);
            return iterator;
        }

        return new XorIterator(_stream.Memory);
    }

    /// <inheritdoc />
    public void Compact() => _stream.Compact();
}
