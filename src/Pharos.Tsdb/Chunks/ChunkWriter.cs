using Pharos.Tsdb.Binary;

namespace Pharos.Tsdb.Chunks;

/// <summary>
/// Writes a block's <c>chunks/</c> directory (Prometheus <c>chunks.Writer</c>): numbered segment files of at most
/// <see cref="SegmentSizeBytes"/> each, every chunk stored as <c>len &lt;uvarint&gt; │ encoding &lt;1&gt; │ data │
/// CRC32C(encoding, data) &lt;4&gt;</c>. The chunks of one <see cref="WriteChunks"/> call stay in one segment when
/// they fit, so a series' chunks are read together. Single-threaded; dispose to flush, fsync and close.
/// </summary>
public sealed class ChunkWriter : IDisposable
{
    private readonly string _directory;
    private FileStream? _file;
    private int _segmentIndex = -1;
    private long _offset;
    private bool _disposed;

    /// <summary>Creates the directory if needed; the first segment is created by the first write.</summary>
    /// <param name="directory">The block's <c>chunks</c> directory; must hold no segments yet.</param>
    /// <param name="segmentSizeBytes">The size at which segments are cut; 512 MiB as upstream by default.</param>
    public ChunkWriter(string directory, long segmentSizeBytes = ChunkSegmentFormat.DefaultSegmentSizeBytes)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSizeBytes, ChunkSegmentFormat.SegmentHeaderSize + 1L);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(segmentSizeBytes, uint.MaxValue);
        Directory.CreateDirectory(directory);
        if (ChunkSegmentFormat.ListSegments(directory).Count > 0)
        {
            throw new IOException($"Chunk directory {directory} already holds segment files.");
        }

        _directory = directory;
        SegmentSizeBytes = segmentSizeBytes;
    }

    /// <summary>The size at which segments are cut.</summary>
    public long SegmentSizeBytes { get; }

    /// <summary>The number of segment files created so far.</summary>
    public int SegmentCount => _segmentIndex + 1;

    /// <summary>
    /// Writes chunks and stores each one's reference back into <paramref name="chunks"/>. Cuts a new segment before
    /// the batch when the current one cannot hold it, and inside the batch only where it exceeds a whole segment.
    /// </summary>
    /// <param name="chunks">Chunks with <see cref="ChunkMeta.Chunk"/> set; their <see cref="ChunkMeta.Ref"/> is replaced.</param>
    public void WriteChunks(Span<ChunkMeta> chunks)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var batchSize = 0L;
        var firstBatch = true;
        var startOffset = _offset;
        for (var i = 0; i < chunks.Length; i++)
        {
            var chunk = chunks[i].Chunk ?? throw new ArgumentException($"Chunk {i} has no data.", nameof(chunks));

            // Worst-case size: upstream sizes the length field at its maximum when planning cuts.
            var size = (long)ChunkSegmentFormat.MaxChunkLengthFieldSize + 1 + chunk.Bytes.Length + ChunkSegmentFormat.CrcSize;
            batchSize += size;
            var cut = i != 0 && batchSize + ChunkSegmentFormat.SegmentHeaderSize > SegmentSizeBytes;
            if (firstBatch && startOffset > ChunkSegmentFormat.SegmentHeaderSize)
            {
                // The open segment already holds data: the first batch must also fit after it.
                cut = batchSize + startOffset > SegmentSizeBytes;
                if (cut)
                {
                    firstBatch = false;
                }
            }

            if (cut || _file is null)
            {
                Cut();
                batchSize = size;
            }

            chunks[i] = chunks[i] with { Ref = WriteChunk(chunk) };
        }
    }

    /// <summary>Flushes the open segment to disk without closing it.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _file?.Flush(flushToDisk: true);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        FinishSegment();
    }

    private ChunkRef WriteChunk(IChunk chunk)
    {
        var data = chunk.Bytes.Span;
        var reference = ChunkRef.Create(_segmentIndex, (uint)_offset);
        Span<byte> head = stackalloc byte[ChunkSegmentFormat.MaxChunkLengthFieldSize + 1];
        var n = Varint.WriteUvarint(head, (ulong)data.Length);
        head[n++] = (byte)chunk.Encoding;

        // The checksum covers the encoding byte and the data, not the length.
        var crc = Crc32C.Update(Crc32C.Initial, head.Slice(n - 1, 1));
        crc = Crc32C.Finish(Crc32C.Update(crc, data));
        Span<byte> sum = stackalloc byte[ChunkSegmentFormat.CrcSize];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(sum, crc);

        var file = _file!;
        file.Write(head[..n]);
        file.Write(data);
        file.Write(sum);
        _offset += n + data.Length + ChunkSegmentFormat.CrcSize;
        return reference;
    }

    private void Cut()
    {
        FinishSegment();
        _segmentIndex++;
        var path = Path.Combine(_directory, ChunkSegmentFormat.FileName(_segmentIndex + 1));
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 1 << 20);
        Span<byte> header = stackalloc byte[ChunkSegmentFormat.SegmentHeaderSize];
        ChunkSegmentFormat.WriteHeader(header, ChunkSegmentFormat.MagicChunks);
        _file.Write(header);
        _offset = ChunkSegmentFormat.SegmentHeaderSize;
    }

    private void FinishSegment()
    {
        if (_file is null)
        {
            return;
        }

        _file.Flush(flushToDisk: true);
        _file.Dispose();
        _file = null;
    }
}
