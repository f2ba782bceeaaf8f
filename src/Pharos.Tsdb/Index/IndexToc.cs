using System.Buffers.Binary;
using Pharos.Tsdb.Binary;

namespace Pharos.Tsdb.Index;

/// <summary>The table of contents at the end of an index file: where each section starts.</summary>
/// <param name="Symbols">Offset of the symbol table.</param>
/// <param name="Series">Offset where the series section starts (before its alignment padding).</param>
/// <param name="LabelIndices">Offset of the first label index.</param>
/// <param name="LabelIndicesTable">Offset of the label index offset table.</param>
/// <param name="Postings">Offset where the postings lists start (before their alignment padding).</param>
/// <param name="PostingsTable">Offset of the postings offset table.</param>
public readonly record struct IndexToc(ulong Symbols, ulong Series, ulong LabelIndices, ulong LabelIndicesTable, ulong Postings, ulong PostingsTable)
{
    /// <summary>Encodes the table and its checksum.</summary>
    /// <param name="destination">At least <see cref="IndexFormat.TocSize"/> bytes.</param>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, Symbols);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Series);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], LabelIndices);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], LabelIndicesTable);
        BinaryPrimitives.WriteUInt64BigEndian(destination[32..], Postings);
        BinaryPrimitives.WriteUInt64BigEndian(destination[40..], PostingsTable);
        BinaryPrimitives.WriteUInt32BigEndian(destination[48..], Crc32C.Compute(destination[..48]));
    }

    /// <summary>Decodes the table, verifying its checksum.</summary>
    /// <param name="source">The last <see cref="IndexFormat.TocSize"/> bytes of the file.</param>
    /// <param name="toc">The table.</param>
    /// <param name="error">Why it is invalid, or null.</param>
    /// <returns>True when valid.</returns>
    public static bool TryRead(ReadOnlySpan<byte> source, out IndexToc toc, out string? error)
    {
        toc = default;
        if (source.Length < IndexFormat.TocSize)
        {
            error = "file too short for a table of contents";
            return false;
        }

        var stored = BinaryPrimitives.ReadUInt32BigEndian(source[48..]);
        var computed = Crc32C.Compute(source[..48]);
        if (stored != computed)
        {
            error = $"table of contents checksum mismatch: computed {computed:x8}, stored {stored:x8}";
            return false;
        }

        toc = new IndexToc(
            BinaryPrimitives.ReadUInt64BigEndian(source),
            BinaryPrimitives.ReadUInt64BigEndian(source[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(source[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(source[24..]),
            BinaryPrimitives.ReadUInt64BigEndian(source[32..]),
            BinaryPrimitives.ReadUInt64BigEndian(source[40..]));
        error = null;
        return true;
    }
}
