namespace Pharos.Tsdb.Chunks;

/// <summary>
/// Where a chunk lives in a block's <c>chunks/</c> directory: the upper 32 bits are the zero-based position of the
/// segment file in name order (<c>000001</c> is 0), the lower 32 bits the byte offset of the chunk's length field in
/// that file. The index file stores these references as they are.
/// </summary>
/// <param name="Value">The packed reference.</param>
public readonly record struct ChunkRef(ulong Value)
{
    /// <summary>Packs a segment position and an offset.</summary>
    /// <param name="segmentIndex">Zero-based position of the segment file.</param>
    /// <param name="offset">Byte offset in the segment file.</param>
    /// <returns>The reference.</returns>
    public static ChunkRef Create(int segmentIndex, uint offset) => new(((ulong)(uint)segmentIndex << 32) | offset);

    /// <summary>Zero-based position of the segment file.</summary>
    public int SegmentIndex => (int)(Value >> 32);

    /// <summary>Byte offset of the chunk in its segment file.</summary>
    public uint Offset => (uint)Value;

    /// <inheritdoc />
    public override string ToString() => $"{SegmentIndex}:{Offset}";
}
