using System.Buffers.Binary;
using Pharos.Tsdb.Binary;

namespace Pharos.Tsdb.Chunks;

public sealed partial class ChunkDiskMapper
{
    /// <summary>
    /// Appends a full chunk and returns its reference. The chunk is buffered; it is readable at once (a read of the
    /// open file flushes first) and durable after <see cref="Flush"/> or when its file is cut.
    /// </summary>
    /// <param name="seriesRef">The head series reference; never 0 (a zero ref, mint and maxt mark unused space).</param>
    /// <param name="minTimeMs">The first sample's timestamp.</param>
    /// <param name="maxTimeMs">The last sample's timestamp.</param>
    /// <param name="chunk">The chunk.</param>
    /// <param name="isOutOfOrder">Sets the out-of-order bit of the encoding byte.</param>
    /// <returns>The chunk's reference.</returns>
    public ChunkDiskMapperRef WriteChunk(ulong seriesRef, long minTimeMs, long maxTimeMs, IChunk chunk, bool isOutOfOrder = false)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var data = chunk.Bytes.Span;
        Span<byte> head = stackalloc byte[MaxChunkMetaSize];
        BinaryPrimitives.WriteUInt64BigEndian(head, seriesRef);
        BinaryPrimitives.WriteInt64BigEndian(head[8..], minTimeMs);
        BinaryPrimitives.WriteInt64BigEndian(head[16..], maxTimeMs);
        head[24] = (byte)((byte)chunk.Encoding | (isOutOfOrder ? OutOfOrderMask : 0));
        var headLength = 25 + Varint.WriteUvarint(head[25..], (ulong)data.Length);

        // The checksum covers everything from the series reference to the end of the data.
        var crc = Crc32C.Finish(Crc32C.Update(Crc32C.Update(Crc32C.Initial, head[..headLength]), data));
        Span<byte> sum = stackalloc byte[ChunkSegmentFormat.CrcSize];
        BinaryPrimitives.WriteUInt32BigEndian(sum, crc);
        var total = headLength + data.Length + ChunkSegmentFormat.CrcSize;

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is null || _cutRequested || _currentOffset + total > _maxFileSizeBytes)
            {
                CutLocked();
            }

            var reference = ChunkDiskMapperRef.Create(_currentSequence, (uint)_currentOffset);
            var writer = _writer!;
            writer.Write(head[..headLength]);
            writer.Write(data);
            writer.Write(sum);
            _currentOffset += total;
            return reference;
        }
    }

    private void CutLocked()
    {
        CloseWriterLocked();
        _cutRequested = false;
        var sequence = _currentSequence + 1;
        var path = Path.Combine(Directory, ChunkSegmentFormat.FileName(sequence));
        var writer = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 1 << 16);
        try
        {
            Span<byte> header = stackalloc byte[ChunkSegmentFormat.SegmentHeaderSize];
            ChunkSegmentFormat.WriteHeader(header, ChunkSegmentFormat.MagicHeadChunks);
            writer.Write(header);
            writer.Flush();
            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            _files.Add(sequence, new MappedFile(path, handle, ChunkSegmentFormat.SegmentHeaderSize));
        }
        catch
        {
            writer.Dispose();
            throw;
        }

        _writer = writer;
        _currentSequence = sequence;
        _currentOffset = ChunkSegmentFormat.SegmentHeaderSize;
        _flushedOffset = _currentOffset;
    }
}
