namespace Pharos.Tsdb.Index;

/// <summary>
/// Constants of the block index file, format version 2 (Prometheus <c>tsdb/index</c>). See
/// <c>docs/formats/index.md</c> for the layout.
/// </summary>
public static class IndexFormat
{
    /// <summary>The magic number at the start of the file, big-endian.</summary>
    public const uint Magic = 0xBAAAD700;

    /// <summary>The only version this code writes and reads.</summary>
    public const byte Version2 = 2;

    /// <summary>Magic number and version byte.</summary>
    public const int HeaderSize = 5;

    /// <summary>Six big-endian 64-bit section offsets and a CRC32C over them.</summary>
    public const int TocSize = (6 * 8) + 4;

    /// <summary>
    /// Series entries start on multiples of this, so a 32-bit series reference (offset / 16) addresses 64 GiB.
    /// </summary>
    public const int SeriesAlignment = 16;

    /// <summary>Label index and postings list entries start on multiples of this.</summary>
    public const int ListAlignment = 4;

    /// <summary>The size of a section checksum.</summary>
    public const int CrcSize = 4;

    /// <summary>The file name of a block's index.</summary>
    public const string FileName = "index";
}
