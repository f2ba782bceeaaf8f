using System.Buffers;
using System.Buffers.Binary;
using Pharos.Tsdb.Binary;

namespace Pharos.Tsdb.Index;

/// <summary>The sections written after the series, and the low-level output helpers.</summary>
public sealed partial class IndexWriter
{
    private List<(string Name, ulong Offset)> WriteLabelIndices(string[] names)
    {
        var offsets = new List<(string, ulong)>(names.Length);
        foreach (var name in names)
        {
            // Values in symbol order, which is string order because the symbol table is sorted.
            var values = _postings[name].Keys.Select(v => (uint)SymbolIndex(v)).ToArray();
            Array.Sort(values);
            Pad(IndexFormat.ListAlignment);
            offsets.Add((name, (ulong)_position));
            _buffer.ResetWrittenCount();
            PutBE32(_buffer, 1); // One label name per index: upstream stopped writing composite ones.
            PutBE32(_buffer, (uint)values.Length);
            foreach (var value in values)
            {
                PutBE32(_buffer, value);
            }

            WriteLengthPrefixedSection(_buffer.WrittenSpan);
        }

        return offsets;
    }

    private List<(string Name, string Value, ulong Offset)> WritePostings(string[] names)
    {
        var offsets = new List<(string, string, ulong)>();

        // The list of every series comes first, under the empty name and value.
        offsets.Add((string.Empty, string.Empty, WritePostingsList(_allPostings)));
        foreach (var name in names)
        {
            var values = _postings[name];
            var sorted = values.Keys.ToArray();
            Array.Sort(sorted, Utf8ByteOrder.Instance);
            foreach (var value in sorted)
            {
                offsets.Add((name, value, WritePostingsList(values[value])));
            }
        }

        return offsets;
    }

    private ulong WritePostingsList(List<uint> references)
    {
        Pad(IndexFormat.ListAlignment);
        var offset = (ulong)_position;
        _buffer.ResetWrittenCount();
        PutBE32(_buffer, (uint)references.Count);
        foreach (var reference in references)
        {
            PutBE32(_buffer, reference);
        }

        WriteLengthPrefixedSection(_buffer.WrittenSpan);
        return offset;
    }

    private void WriteLabelIndicesTable(List<(string Name, ulong Offset)> entries)
    {
        _buffer.ResetWrittenCount();
        var e = new Encbuf(_buffer);
        PutBE32(_buffer, (uint)entries.Count);
        foreach (var (name, offset) in entries)
        {
            e.PutUvarint(1);
            e.PutUvarintString(name);
            e.PutUvarint(offset);
        }

        WriteLengthPrefixedSection(_buffer.WrittenSpan);
    }

    private void WritePostingsTable(List<(string Name, string Value, ulong Offset)> entries)
    {
        _buffer.ResetWrittenCount();
        var e = new Encbuf(_buffer);
        PutBE32(_buffer, (uint)entries.Count);
        foreach (var (name, value, offset) in entries)
        {
            e.PutUvarint(2);
            e.PutUvarintString(name);
            e.PutUvarintString(value);
            e.PutUvarint(offset);
        }

        WriteLengthPrefixedSection(_buffer.WrittenSpan);
    }

    /// <summary>Writes <c>len &lt;4b&gt; │ content │ CRC32C(content) &lt;4b&gt;</c>.</summary>
    private void WriteLengthPrefixedSection(ReadOnlySpan<byte> content)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)content.Length);
        Write(length);
        Write(content);
        WriteCrc(content);
    }

    private void WriteCrc(ReadOnlySpan<byte> content)
    {
        Span<byte> crc = stackalloc byte[IndexFormat.CrcSize];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32C.Compute(content));
        Write(crc);
    }

    private static void PutBE32(IBufferWriter<byte> writer, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    private void Pad(int alignment)
    {
        var remainder = (int)(_position % alignment);
        if (remainder != 0)
        {
            Span<byte> zeros = stackalloc byte[IndexFormat.SeriesAlignment];
            zeros.Clear();
            Write(zeros[..(alignment - remainder)]);
        }
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _file.Write(bytes);
        _position += bytes.Length;
    }
}
