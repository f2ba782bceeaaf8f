using System.Globalization;

namespace Pharos.Tsdb.Wal;

/// <summary>
/// Constants of Prometheus's write-ahead log layout (<c>tsdb/wlog</c>): numbered segment files of 32 KiB pages, each
/// page holding record fragments with a seven-byte header. See <c>docs/formats/wal.md</c>.
/// </summary>
public static class WalFormat
{
    /// <summary>The page size; fragments never cross a page boundary.</summary>
    public const int PageSize = 32 * 1024;

    /// <summary>The fragment header: type byte, big-endian uint16 length, big-endian CRC32C of the fragment data.</summary>
    public const int RecordHeaderSize = 7;

    /// <summary>The most data one fragment holds.</summary>
    public const int MaxFragmentDataSize = PageSize - RecordHeaderSize;

    /// <summary>Prometheus's default segment size, 128 MiB.</summary>
    public const long DefaultSegmentSizeBytes = 128L * 1024 * 1024;

    /// <summary>The type-byte bits that hold the <see cref="WalFragmentType"/>.</summary>
    public const byte FragmentTypeMask = 0x07;

    /// <summary>The type-byte bit set when the record was Snappy-compressed before fragmenting.</summary>
    public const byte SnappyMask = 0x08;

    /// <summary>The type-byte bit set when the record was zstd-compressed (Prometheus 2.49+); not readable here.</summary>
    public const byte ZstdMask = 0x10;

    /// <summary>The file name of a segment: its index as eight decimal digits.</summary>
    /// <param name="index">The segment index, from 0.</param>
    /// <returns>For example <c>00000000</c>.</returns>
    public static string SegmentName(int index) => index.ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>Lists the segments of a WAL directory: files whose whole name is a decimal number, ascending.</summary>
    /// <param name="directory">The WAL directory.</param>
    /// <returns>Segment indexes and paths.</returns>
    /// <exception cref="InvalidDataException">The indexes have a gap.</exception>
    public static IReadOnlyList<(int Index, string Path)> ListSegments(string directory)
    {
        var result = new List<(int Index, string Path)>();
        if (!Directory.Exists(directory))
        {
            return result;
        }

        foreach (var path in Directory.EnumerateFiles(directory))
        {
            if (int.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                result.Add((index, path));
            }
        }

        result.Sort((a, b) => a.Index.CompareTo(b.Index));
        for (var i = 1; i < result.Count; i++)
        {
            if (result[i].Index != result[i - 1].Index + 1)
            {
                throw new InvalidDataException($"segments are not sequential: {result[i - 1].Path} is followed by {result[i].Path}");
            }
        }

        return result;
    }
}
