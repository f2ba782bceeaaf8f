using System.Buffers;
using System.Buffers.Binary;
using Pharos.Model;
using Pharos.Tsdb.Binary;
using Pharos.Tsdb.Chunks;

namespace Pharos.Tsdb.Index;

/// <summary>
/// Writes a block index file in format version 2 (Prometheus <c>index.Writer</c>), byte for byte as upstream lays it
/// out: header, symbol table, 16-byte aligned series, label indices, postings, label index offset table, postings
/// offset table and table of contents. Call order: every <see cref="AddSymbol"/> (sorted), then every
/// <see cref="AddSeries"/> (sorted by labels), then <see cref="Finish"/>. Postings are collected in memory while series
/// are added. Single-threaded; dispose to close the file (an unfinished file is left incomplete).
/// </summary>
public sealed partial class IndexWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly List<string> _symbolList = [];
    private readonly Dictionary<string, uint> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, List<uint>>> _postings = new(StringComparer.Ordinal);
    private readonly List<uint> _allPostings = [];
    private long _position;
    private Stage _stage;
    private Labels _lastSeries;
    private ulong _tocSymbols;
    private ulong _tocSeries;
    private bool _disposed;

    /// <summary>Creates the file and writes its header.</summary>
    /// <param name="path">The index file to create; must not exist.</param>
    public IndexWriter(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 1 << 20);
        Span<byte> header = stackalloc byte[IndexFormat.HeaderSize];
        BinaryPrimitives.WriteUInt32BigEndian(header, IndexFormat.Magic);
        header[4] = IndexFormat.Version2;
        Write(header);
    }

    private enum Stage
    {
        Symbols,
        Series,
        Done,
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>The number of series added.</summary>
    public int SeriesCount => _allPostings.Count;

    /// <summary>Adds a symbol (a label name or value). Symbols must come in strictly increasing UTF-8 byte order (Go's string order).</summary>
    /// <param name="symbol">The symbol.</param>
    /// <exception cref="InvalidOperationException">Out of order, or series were already added.</exception>
    public void AddSymbol(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_stage != Stage.Symbols)
        {
            throw new InvalidOperationException("Symbols must be added before series.");
        }

        if (_symbolList.Count > 0 && Utf8ByteOrder.Instance.Compare(symbol, _symbolList[^1]) <= 0)
        {
            throw new InvalidOperationException($"Symbol \"{symbol}\" is out of order.");
        }

        _symbols.Add(symbol, (uint)_symbolList.Count);
        _symbolList.Add(symbol);
    }

    /// <summary>
    /// Adds a series with its chunk metadata. Series must come in strictly increasing label order, every label name
    /// and value must have been added as a symbol, and chunks must be ordered by time with references set.
    /// </summary>
    /// <param name="labels">The series labels.</param>
    /// <param name="chunks">The chunks' time ranges and references; the chunk data is not read.</param>
    /// <returns>The series reference: the entry's offset divided by 16.</returns>
    public ulong AddSeries(in Labels labels, ReadOnlySpan<ChunkMeta> chunks)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_stage == Stage.Symbols)
        {
            FinishSymbols();
        }
        else if (_stage == Stage.Done)
        {
            throw new InvalidOperationException("The index is finished.");
        }

        if (_allPostings.Count > 0 && labels.CompareTo(_lastSeries) <= 0)
        {
            throw new InvalidOperationException($"Series {labels} is out of order.");
        }

        Pad(IndexFormat.SeriesAlignment);
        var reference = (ulong)_position / IndexFormat.SeriesAlignment;
        if (reference > uint.MaxValue)
        {
            throw new InvalidOperationException("The index exceeds the 64 GiB a 32-bit series reference addresses.");
        }

        _buffer.ResetWrittenCount();
        var e = new Encbuf(_buffer);
        e.PutUvarint((ulong)labels.Count);
        foreach (var label in labels.Span)
        {
            e.PutUvarint(SymbolIndex(label.Name));
            e.PutUvarint(SymbolIndex(label.Value));
            AddPosting(label.Name, label.Value, (uint)reference);
        }

        e.PutUvarint((ulong)chunks.Length);
        if (chunks.Length > 0)
        {
            // The first chunk is absolute; each later one is a delta from its predecessor, as upstream encodes it.
            var c = chunks[0];
            e.PutVarint(c.MinTimeMs);
            e.PutUvarint((ulong)(c.MaxTimeMs - c.MinTimeMs));
            e.PutUvarint(c.Ref.Value);
            var previousMaxTimeMs = c.MaxTimeMs;
            var previousRef = (long)c.Ref.Value;
            for (var i = 1; i < chunks.Length; i++)
            {
                c = chunks[i];
                e.PutUvarint((ulong)(c.MinTimeMs - previousMaxTimeMs));
                e.PutUvarint((ulong)(c.MaxTimeMs - c.MinTimeMs));
                e.PutVarint((long)c.Ref.Value - previousRef);
                previousMaxTimeMs = c.MaxTimeMs;
                previousRef = (long)c.Ref.Value;
            }
        }

        var content = _buffer.WrittenSpan;
        Span<byte> length = stackalloc byte[Varint.MaxLength64];
        Write(length[..Varint.WriteUvarint(length, (ulong)content.Length)]);
        Write(content);
        WriteCrc(content);
        _allPostings.Add((uint)reference);
        _lastSeries = labels;
        return reference;
    }

    /// <summary>Writes the label indices, postings, offset tables and table of contents, then syncs and closes the file.</summary>
    public void Finish()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_stage == Stage.Symbols)
        {
            FinishSymbols();
        }

        if (_stage == Stage.Done)
        {
            throw new InvalidOperationException("The index is already finished.");
        }

        _stage = Stage.Done;
        var names = _postings.Keys.ToArray();
        Array.Sort(names, Utf8ByteOrder.Instance);

        var labelIndicesStart = (ulong)_position;
        var labelIndexOffsets = WriteLabelIndices(names);

        var postingsStart = (ulong)_position;
        var postingsOffsets = WritePostings(names);

        var labelIndicesTable = (ulong)_position;
        WriteLabelIndicesTable(labelIndexOffsets);

        var postingsTable = (ulong)_position;
        WritePostingsTable(postingsOffsets);

        Span<byte> toc = stackalloc byte[IndexFormat.TocSize];
        new IndexToc(_tocSymbols, _tocSeries, labelIndicesStart, labelIndicesTable, postingsStart, postingsTable).Write(toc);
        Write(toc);
        _file.Flush(flushToDisk: true);
        Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _file.Dispose();
    }

    private ulong SymbolIndex(string symbol) =>
        _symbols.TryGetValue(symbol, out var index)
            ? index
            : throw new InvalidOperationException($"Symbol \"{symbol}\" was not added.");

    private void AddPosting(string name, string value, uint reference)
    {
        if (!_postings.TryGetValue(name, out var values))
        {
            values = new Dictionary<string, List<uint>>(StringComparer.Ordinal);
            _postings.Add(name, values);
        }

        if (!values.TryGetValue(value, out var list))
        {
            list = [];
            values.Add(value, list);
        }

        list.Add(reference);
    }

    private void FinishSymbols()
    {
        _tocSymbols = (ulong)_position;
        _buffer.ResetWrittenCount();
        var e = new Encbuf(_buffer);
        PutBE32(_buffer, (uint)_symbolList.Count);
        foreach (var symbol in _symbolList)
        {
            e.PutUvarintString(symbol);
        }

        WriteLengthPrefixedSection(_buffer.WrittenSpan);
        _tocSeries = (ulong)_position;
        _stage = Stage.Series;
    }
}
