using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Win32.SafeHandles;
using Pharos.Tsdb.Binary;

namespace Pharos.Tsdb.Index;

/// <summary>
/// Reads a block index file of format version 2 (Prometheus <c>index.Reader</c>) with positional reads: the symbol
/// table and the postings offset table are loaded and verified at open; series entries and postings lists are read
/// and checksummed on demand. Implements <see cref="Postings.IPostingsIndex"/> so
/// <see cref="Postings.PostingsForMatchers"/> selects over it. Thread-safe; dispose to close the file. Every
/// corruption is reported as an <see cref="InvalidDataException"/> whose message starts with the file's path.
/// </summary>
public sealed partial class IndexReader : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly long _length;
    private string[] _symbols = [];
    private Dictionary<string, ValueTable> _postingsTable = new(StringComparer.Ordinal);
    private string[] _labelNames = [];
    private long _allPostingsOffset = -1;

    private IndexReader(string path, SafeFileHandle handle, long length)
    {
        Path = path;
        _handle = handle;
        _length = length;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The table of contents.</summary>
    public IndexToc Toc { get; private set; }

    /// <summary>The symbol table, in order (a symbol's position is its reference).</summary>
    public IReadOnlyList<string> Symbols => _symbols;

    /// <summary>The size of the file in bytes.</summary>
    public long SizeBytes => _length;

    /// <summary>Opens an index file and verifies its header, table of contents, symbol table and postings offset table.</summary>
    /// <param name="path">The index file.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="InvalidDataException">The file is damaged; the message names it.</exception>
    public static IndexReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var reader = new IndexReader(path, handle, RandomAccess.GetLength(handle));
        try
        {
            reader.Load();
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The label names of the index, sorted, without the all-postings key.</summary>
    /// <returns>The names; the array is shared, do not modify.</returns>
    public IReadOnlyList<string> LabelNames() => _labelNames;

    /// <summary>The values of a label, sorted.</summary>
    /// <param name="name">The label name.</param>
    /// <returns>The values; empty when the label does not occur.</returns>
    public IReadOnlyList<string> LabelValues(string name) =>
        name.Length > 0 && _postingsTable.TryGetValue(name, out var table) ? table.Values : [];

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private void Load()
    {
        if (_length < IndexFormat.HeaderSize + IndexFormat.TocSize)
        {
            ThrowCorrupt($"file of {_length} bytes is too short for an index");
        }

        Span<byte> header = stackalloc byte[IndexFormat.HeaderSize];
        ReadExactly(0, header);
        var magic = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (magic != IndexFormat.Magic)
        {
            ThrowCorrupt($"invalid magic number {magic:x8}, expected {IndexFormat.Magic:x8}");
        }

        if (header[4] != IndexFormat.Version2)
        {
            ThrowCorrupt($"unsupported index version {header[4]}");
        }

        Span<byte> toc = stackalloc byte[IndexFormat.TocSize];
        ReadExactly(_length - IndexFormat.TocSize, toc);
        if (!IndexToc.TryRead(toc, out var parsed, out var error))
        {
            ThrowCorrupt(error!);
        }

        Toc = parsed;
        LoadSymbols();
        LoadPostingsTable();
    }

    private void LoadSymbols()
    {
        var content = ReadSection((long)Toc.Symbols, "symbol table");
        var count = ReadCount(content, "symbol table");
        var d = new Decbuf(content.AsSpan(4));
        var symbols = new string[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                symbols[i] = d.UvarintString();
            }
        }
        catch (InvalidDataException e)
        {
            ThrowCorrupt($"symbol table: {e.Message}");
        }

        _symbols = symbols;
    }

    private void LoadPostingsTable()
    {
        var content = ReadSection((long)Toc.PostingsTable, "postings offset table");
        var count = ReadCount(content, "postings offset table");
        var d = new Decbuf(content.AsSpan(4));
        var names = new List<string>();
        var builders = new Dictionary<string, (List<string> Values, List<long> Offsets)>(StringComparer.Ordinal);
        try
        {
            for (var i = 0; i < count; i++)
            {
                if (d.Uvarint() != 2)
                {
                    ThrowCorrupt($"postings offset table entry {i} does not have two keys");
                }

                var name = d.UvarintString();
                var value = d.UvarintString();
                var offset = (long)d.Uvarint();
                if (name.Length == 0)
                {
                    _allPostingsOffset = offset;
                    continue;
                }

                if (!builders.TryGetValue(name, out var builder))
                {
                    builder = ([], []);
                    builders.Add(name, builder);
                    names.Add(name);
                }

                builder.Values.Add(value);
                builder.Offsets.Add(offset);
            }
        }
        catch (InvalidDataException e)
        {
            ThrowCorrupt($"postings offset table: {e.Message}");
        }

        var table = new Dictionary<string, ValueTable>(builders.Count, StringComparer.Ordinal);
        foreach (var (name, builder) in builders)
        {
            table.Add(name, new ValueTable([.. builder.Values], [.. builder.Offsets]));
        }

        names.Sort(Utf8ByteOrder.Instance);
        _postingsTable = table;
        _labelNames = [.. names];
    }

    /// <summary>Reads <c>len &lt;4b&gt; │ content │ CRC32C &lt;4b&gt;</c> at <paramref name="offset"/> and verifies it.</summary>
    private byte[] ReadSection(long offset, string what)
    {
        Span<byte> lengthBytes = stackalloc byte[4];
        if (offset < IndexFormat.HeaderSize || offset + 4 > _length)
        {
            ThrowCorrupt($"{what} offset {offset} is outside the file");
        }

        ReadExactly(offset, lengthBytes);
        var length = BinaryPrimitives.ReadUInt32BigEndian(lengthBytes);
        if (offset + 4 + length + IndexFormat.CrcSize > _length)
        {
            ThrowCorrupt($"{what} at offset {offset} of {length} bytes runs past the end of the file");
        }

        var buffer = new byte[length + IndexFormat.CrcSize];
        ReadExactly(offset + 4, buffer);
        var content = buffer.AsSpan(0, (int)length);
        VerifyCrc(content, buffer.AsSpan((int)length), what, offset);
        return buffer[..(int)length];
    }

    private void VerifyCrc(ReadOnlySpan<byte> content, ReadOnlySpan<byte> stored, string what, long offset)
    {
        var expected = BinaryPrimitives.ReadUInt32BigEndian(stored);
        var computed = Crc32C.Compute(content);
        if (computed != expected)
        {
            ThrowCorrupt($"checksum mismatch in {what} at offset {offset}: computed {computed:x8}, stored {expected:x8}");
        }
    }

    private int ReadCount(ReadOnlySpan<byte> content, string what)
    {
        if (content.Length < 4)
        {
            ThrowCorrupt($"{what} is truncated");
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(content);
        if (value > int.MaxValue)
        {
            ThrowCorrupt($"{what} count {value} is out of range");
        }

        return (int)value;
    }

    private void ReadExactly(long offset, Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var n = RandomAccess.Read(_handle, destination[total..], offset + total);
            if (n == 0)
            {
                ThrowCorrupt($"short read of {destination.Length} bytes at offset {offset}");
            }

            total += n;
        }
    }

    [DoesNotReturn]
    private void ThrowCorrupt(string problem) => throw new InvalidDataException($"{Path}: {problem}");

    /// <summary>The values of one label name, sorted, with the offsets of their postings lists.</summary>
    private sealed record ValueTable(string[] Values, long[] Offsets);
}
