namespace Pharos.Tsdb.Chunks;

/// <summary>
/// Where a head chunk lives in <c>chunks_head/</c> (Prometheus <c>ChunkDiskMapperRef</c>): the upper 32 bits are the
/// file's sequence number as in its name (<c>000003</c> is 3), the lower 32 bits the byte offset of the chunk's
/// series reference field. WAL m-map marker records store these values.
/// </summary>
/// <param name="Value">The packed reference.</param>
public readonly record struct ChunkDiskMapperRef(ulong Value)
{
    /// <summary>Packs a file sequence number and an offset.</summary>
    /// <param name="sequence">The file's sequence number.</param>
    /// <param name="offset">The byte offset in the file.</param>
    /// <returns>The reference.</returns>
    public static ChunkDiskMapperRef Create(int sequence, uint offset) => new(((ulong)(uint)sequence << 32) | offset);

    /// <summary>The file's sequence number.</summary>
    public int Sequence => (int)(Value >> 32);

    /// <summary>The byte offset in the file.</summary>
    public uint Offset => (uint)Value;

    /// <inheritdoc />
    public override string ToString() => $"{Sequence}:{Offset}";
}
