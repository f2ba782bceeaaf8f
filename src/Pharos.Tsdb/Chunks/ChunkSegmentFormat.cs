using System.Buffers.Binary;
using System.Globalization;

namespace Pharos.Tsdb.Chunks;

/// <summary>
/// Constants and header helpers shared by block chunk segments (<c>chunks/000001</c>) and head chunk files
/// (<c>chunks_head/000001</c>). Both start with an eight-byte header: a four-byte big-endian magic number, a format
/// version byte and three zero bytes. See <c>docs/formats/chunks.md</c>.
/// </summary>
public static class ChunkSegmentFormat
{
    /// <summary>The magic number of block chunk segment files.</summary>
    public const uint MagicChunks = 0x85BD40DD;

    /// <summary>The magic number of head chunk files.</summary>
    public const uint MagicHeadChunks = 0x0130BC91;

    /// <summary>The only format version of both file kinds.</summary>
    public const byte FormatV1 = 1;

    /// <summary>Size of the file header: magic, version, padding.</summary>
    public const int SegmentHeaderSize = 8;

    /// <summary>Prometheus's default maximum block chunk segment size, 512 MiB.</summary>
    public const long DefaultSegmentSizeBytes = 512L * 1024 * 1024;

    /// <summary>The most bytes a chunk's length field takes (a 32-bit uvarint).</summary>
    public const int MaxChunkLengthFieldSize = Binary.Varint.MaxLength32;

    /// <summary>The size of a CRC32C checksum on disk.</summary>
    public const int CrcSize = 4;

    /// <summary>The file name of a segment: its sequence number as six or more decimal digits.</summary>
    /// <param name="sequence">The sequence number, from 1.</param>
    /// <returns>For example <c>000001</c>.</returns>
    public static string FileName(int sequence) => sequence.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Writes a file header.</summary>
    /// <param name="destination">At least <see cref="SegmentHeaderSize"/> bytes.</param>
    /// <param name="magic">The file kind's magic number.</param>
    public static void WriteHeader(Span<byte> destination, uint magic)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, magic);
        destination[4] = FormatV1;
        destination[5..SegmentHeaderSize].Clear();
    }

    /// <summary>Checks a file header.</summary>
    /// <param name="header">The first bytes of the file.</param>
    /// <param name="magic">The expected magic number.</param>
    /// <param name="error">Why the header is invalid, or null.</param>
    /// <returns>True when valid.</returns>
    public static bool TryCheckHeader(ReadOnlySpan<byte> header, uint magic, out string? error)
    {
        if (header.Length < SegmentHeaderSize)
        {
            error = $"file of {header.Length} bytes is shorter than the {SegmentHeaderSize}-byte header";
            return false;
        }

        var actual = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (actual != magic)
        {
            error = $"invalid magic number {actual:x8}, expected {magic:x8}";
            return false;
        }

        if (header[4] != FormatV1)
        {
            error = $"invalid chunk format version {header[4]}";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Lists the segment files of a directory: names that parse as decimal numbers, by number.</summary>
    /// <param name="directory">The directory.</param>
    /// <returns>Sequence numbers and paths in ascending order.</returns>
    public static IReadOnlyList<(int Sequence, string Path)> ListSegments(string directory)
    {
        var result = new List<(int, string)>();
        if (!Directory.Exists(directory))
        {
            return result;
        }

        foreach (var path in Directory.EnumerateFiles(directory))
        {
            if (int.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                result.Add((sequence, path));
            }
        }

        result.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return result;
    }
}
