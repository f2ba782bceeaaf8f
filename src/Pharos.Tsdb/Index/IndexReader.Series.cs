using Pharos.Model;
using Pharos.Tsdb.Binary;
using Pharos.Tsdb.Chunks;

namespace Pharos.Tsdb.Index;

/// <summary>Series lookups: labels and chunk metadata by series reference.</summary>
public sealed partial class IndexReader
{
    /// <summary>Reads a series entry: its labels and its chunks' time ranges and references.</summary>
    /// <param name="reference">The series reference from a postings list (entry offset / 16).</param>
    /// <param name="chunks">Receives the chunk metadata (cleared first); <see cref="ChunkMeta.Chunk"/> is null.</param>
    /// <returns>The labels.</returns>
    /// <exception cref="InvalidDataException">The entry is damaged; the message names the file.</exception>
    public Labels Series(ulong reference, List<ChunkMeta> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        chunks.Clear();
        var offset = (long)(reference * IndexFormat.SeriesAlignment);
        if (offset < IndexFormat.HeaderSize || offset >= _length)
        {
            ThrowCorrupt($"series reference {reference} is outside the file");
        }

        Span<byte> head = stackalloc byte[Varint.MaxLength64];
        var headLength = (int)Math.Min(head.Length, _length - offset);
        ReadExactly(offset, head[..headLength]);
        if (!Varint.TryReadUvarint(head[..headLength], out var length, out var n) || offset + n + (long)length + IndexFormat.CrcSize > _length)
        {
            ThrowCorrupt($"series entry at offset {offset} has a bad length");
        }

        var buffer = new byte[(int)length + IndexFormat.CrcSize];
        ReadExactly(offset + n, buffer);
        var content = buffer.AsSpan(0, (int)length);
        VerifyCrc(content, buffer.AsSpan((int)length), "series entry", offset);
        try
        {
            return DecodeSeries(content, chunks);
        }
        catch (InvalidDataException e)
        {
            ThrowCorrupt($"series entry at offset {offset}: {e.Message}");
            return default;
        }
    }

    private Labels DecodeSeries(ReadOnlySpan<byte> content, List<ChunkMeta> chunks)
    {
        var d = new Decbuf(content);
        var labelCount = d.UvarintInt();
        var labels = new Label[labelCount];
        for (var i = 0; i < labelCount; i++)
        {
            labels[i] = new Label(Symbol(d.Uvarint()), Symbol(d.Uvarint()));
        }

        var chunkCount = d.UvarintInt();
        if (chunkCount > 0)
        {
            var minTimeMs = d.Varint64();
            var maxTimeMs = minTimeMs + (long)d.Uvarint();
            var chunkRef = (long)d.Uvarint();
            chunks.Add(new ChunkMeta(new ChunkRef((ulong)chunkRef), minTimeMs, maxTimeMs, null));
            for (var i = 1; i < chunkCount; i++)
            {
                minTimeMs = maxTimeMs + (long)d.Uvarint();
                maxTimeMs = minTimeMs + (long)d.Uvarint();
                chunkRef += d.Varint64();
                chunks.Add(new ChunkMeta(new ChunkRef((ulong)chunkRef), minTimeMs, maxTimeMs, null));
            }
        }

        // Names are stored sorted, so the array is already a valid label set.
        return Labels.FromLabels(labels);
    }

    private string Symbol(ulong reference) =>
        reference < (ulong)_symbols.Length
            ? _symbols[reference]
            : throw new InvalidDataException($"symbol reference {reference} is outside the table of {_symbols.Length}");
}
