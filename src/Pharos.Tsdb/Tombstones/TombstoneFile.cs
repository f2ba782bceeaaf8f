using System.Buffers;
using System.Buffers.Binary;
using Pharos.Tsdb.Binary;

namespace Pharos.Tsdb.Tombstones;

/// <summary>
/// Reads and writes a block's <c>tombstones</c> file (Prometheus <c>tombstones.WriteFile</c>/<c>ReadTombstones</c>):
/// <c>magic 0x0130BA30 &lt;4b&gt; │ version 1 &lt;1b&gt; │ entries │ CRC32C(entries) &lt;4b&gt;</c>, where each entry is
/// <c>series ref &lt;uvarint64&gt; │ mint &lt;varint64&gt; │ maxt &lt;varint64&gt;</c>. A fresh block's file has no entries.
/// See <c>docs/formats/block.md</c>.
/// </summary>
public static class TombstoneFile
{
    /// <summary>The magic number, big-endian.</summary>
    public const uint Magic = 0x0130BA30;

    /// <summary>The format version.</summary>
    public const byte Version1 = 1;

    /// <summary>The file name inside a block.</summary>
    public const string FileName = "tombstones";

    private const int HeaderSize = 5;
    private const int CrcSize = 4;

    /// <summary>Encodes tombstones: series in ascending reference order, each series' intervals in the given order.</summary>
    /// <param name="tombstones">Deleted intervals per series reference.</param>
    /// <returns>The file's bytes.</returns>
    public static byte[] Encode(IReadOnlyDictionary<ulong, IReadOnlyList<TombstoneInterval>> tombstones)
    {
        ArgumentNullException.ThrowIfNull(tombstones);
        var buffer = new ArrayBufferWriter<byte>();
        BinaryPrimitives.WriteUInt32BigEndian(buffer.GetSpan(4), Magic);
        buffer.Advance(4);
        var e = new Encbuf(buffer);
        e.PutByte(Version1);
        foreach (var reference in tombstones.Keys.Order())
        {
            foreach (var interval in tombstones[reference])
            {
                e.PutUvarint(reference);
                e.PutVarint(interval.MinTimeMs);
                e.PutVarint(interval.MaxTimeMs);
            }
        }

        // The checksum covers the entries only, not the header.
        var crc = Crc32C.Compute(buffer.WrittenSpan[HeaderSize..]);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.GetSpan(CrcSize), crc);
        buffer.Advance(CrcSize);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a tombstones file and syncs it.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="tombstones">Deleted intervals per series reference; empty for a fresh block.</param>
    public static void Write(string path, IReadOnlyDictionary<ulong, IReadOnlyList<TombstoneInterval>> tombstones)
    {
        var bytes = Encode(tombstones);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        file.Write(bytes);
        file.Flush(flushToDisk: true);
    }

    /// <summary>Reads a tombstones file; a missing file means no tombstones, as upstream treats it.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Deleted intervals per series reference.</returns>
    /// <exception cref="InvalidDataException">The file is damaged; the message names it.</exception>
    public static Dictionary<ulong, List<TombstoneInterval>> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            return Decode(File.ReadAllBytes(path));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Decodes a tombstones file's bytes.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>Deleted intervals per series reference.</returns>
    /// <exception cref="InvalidDataException">The bytes are malformed.</exception>
    public static Dictionary<ulong, List<TombstoneInterval>> Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderSize + CrcSize)
        {
            throw new InvalidDataException($"tombstones file of {data.Length} bytes is too short");
        }

        var magic = BinaryPrimitives.ReadUInt32BigEndian(data);
        if (magic != Magic)
        {
            throw new InvalidDataException($"invalid tombstones magic number {magic:x8}");
        }

        if (data[4] != Version1)
        {
            throw new InvalidDataException($"unsupported tombstones version {data[4]}");
        }

        var entries = data[HeaderSize..^CrcSize];
        var stored = BinaryPrimitives.ReadUInt32BigEndian(data[^CrcSize..]);
        var computed = Crc32C.Compute(entries);
        if (stored != computed)
        {
            throw new InvalidDataException($"tombstones checksum mismatch: computed {computed:x8}, stored {stored:x8}");
        }

        var result = new Dictionary<ulong, List<TombstoneInterval>>();
        var d = new Decbuf(entries);
        while (d.Remaining > 0)
        {
            var reference = d.Uvarint();
            var interval = new TombstoneInterval(d.Varint64(), d.Varint64());
            if (!result.TryGetValue(reference, out var list))
            {
                list = [];
                result.Add(reference, list);
            }

            list.Add(interval);
        }

        return result;
    }
}
