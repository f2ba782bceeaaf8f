using System.Buffers.Binary;
using System.Numerics;

namespace Pharos.Tsdb.Binary;

/// <summary>
/// CRC-32C (Castagnoli polynomial 0x1EDC6F41, reflected 0x82F63B78), the checksum of every Prometheus TSDB file:
/// chunk segments, head chunk files, WAL fragments and the index. Initial value and final XOR are <c>0xFFFFFFFF</c>,
/// so <see cref="Compute(ReadOnlySpan{byte})"/> of <c>"123456789"</c> is <c>0xE3069283</c>, as Go's
/// <c>crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli))</c>. Allocation-free; uses the CPU's CRC32C instruction
/// through <see cref="BitOperations.Crc32C(uint, ulong)"/> where the hardware has one.
/// </summary>
public static class Crc32C
{
    /// <summary>Computes the checksum of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes to checksum.</param>
    /// <returns>The CRC-32C value.</returns>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(uint.MaxValue, data);

    /// <summary>
    /// Continues a running checksum over several spans. Start from <see cref="Initial"/>, feed each span, and pass
    /// the result to <see cref="Finish"/>.
    /// </summary>
    /// <param name="state">The running (non-inverted) state.</param>
    /// <param name="data">The next bytes.</param>
    /// <returns>The new state.</returns>
    public static uint Update(uint state, ReadOnlySpan<byte> data)
    {
        // Eight bytes per instruction; the CRC32C instruction consumes a little-endian word, which equals feeding its
        // bytes one by one in memory order.
        while (data.Length >= sizeof(ulong))
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        if (data.Length >= sizeof(uint))
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt32LittleEndian(data));
            data = data[sizeof(uint)..];
        }

        foreach (var b in data)
        {
            state = BitOperations.Crc32C(state, b);
        }

        return state;
    }

    /// <summary>The state to start a running checksum from.</summary>
    public const uint Initial = uint.MaxValue;

    /// <summary>Turns a running state into the checksum value.</summary>
    /// <param name="state">The state returned by the last <see cref="Update"/>.</param>
    /// <returns>The CRC-32C value.</returns>
    public static uint Finish(uint state) => ~state;
}
