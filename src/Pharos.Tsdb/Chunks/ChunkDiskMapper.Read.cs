using System.Buffers.Binary;
using Pharos.Tsdb.Binary;

namespace Pharos.Tsdb.Chunks;

public sealed partial class ChunkDiskMapper
{
    /// <summary>Reads a chunk written earlier, verifying its checksum.</summary>
    /// <param name="reference">The chunk's reference.</param>
    /// <returns>A chunk owning a copy of its bytes.</returns>
    /// <exception cref="HeadChunkCorruptionException">The reference or the stored chunk is invalid.</exception>
    public IChunk ReadChunk(ChunkDiskMapperRef reference)
    {
        var (encoding, _, data) = ReadRaw(reference);
        return Chunk.FromBytes(encoding, data);
    }

    /// <summary>Reads the stored fields of a chunk, verifying its checksum.</summary>
    /// <param name="reference">The chunk's reference.</param>
    /// <returns>The encoding (without the out-of-order bit), that bit, and a copy of the chunk bytes.</returns>
    /// <exception cref="HeadChunkCorruptionException">The reference or the stored chunk is invalid.</exception>
    public (ChunkEncoding Encoding, bool IsOutOfOrder, byte[] Data) ReadRaw(ChunkDiskMapperRef reference)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_files.TryGetValue(reference.Sequence, out var file))
            {
                throw new HeadChunkCorruptionException(
                    Path.Combine(Directory, ChunkSegmentFormat.FileName(reference.Sequence)),
                    reference.Sequence,
                    reference.Offset,
                    $"head chunk file {reference.Sequence} does not exist");
            }

            if (_writer is not null && reference.Sequence == _currentSequence && reference.Offset >= _flushedOffset)
            {
                FlushLocked(toDisk: false);
            }

            long offset = reference.Offset;
            Span<byte> head = stackalloc byte[25 + ChunkSegmentFormat.MaxChunkLengthFieldSize];
            var available = (int)Math.Clamp(file.Length - offset, 0, head.Length);
            var read = RandomAccess.Read(file.Handle, head[..available], offset);
            if (read < 26 || !Varint.TryReadUvarint(head[25..read], out var length, out var n))
            {
                throw Corrupt(file, reference.Sequence, offset, "file too short for the chunk header");
            }

            var headLength = 25 + n;
            var dataEnd = offset + headLength + (long)length;
            if (length > int.MaxValue || dataEnd + ChunkSegmentFormat.CrcSize > file.Length)
            {
                throw Corrupt(file, reference.Sequence, offset, $"chunk of {length} bytes runs past the end of the file ({file.Length} bytes)");
            }

            var data = new byte[(int)length];
            RandomAccess.Read(file.Handle, data, offset + headLength);
            Span<byte> sum = stackalloc byte[ChunkSegmentFormat.CrcSize];
            RandomAccess.Read(file.Handle, sum, dataEnd);
            var crc = Crc32C.Finish(Crc32C.Update(Crc32C.Update(Crc32C.Initial, head[..headLength]), data));
            var stored = BinaryPrimitives.ReadUInt32BigEndian(sum);
            if (crc != stored)
            {
                throw Corrupt(file, reference.Sequence, offset, $"checksum mismatch: computed {crc:x8}, stored {stored:x8}");
            }

            var encoding = head[24];
            return ((ChunkEncoding)(encoding & ~OutOfOrderMask), (encoding & OutOfOrderMask) != 0, data);
        }
    }

    /// <summary>
    /// Walks every chunk of every file in order, verifying checksums, as the head does at start-up to rebuild its
    /// series. Stops at a zero series reference with zero times (unused, preallocated space) and at the end of each
    /// file.
    /// </summary>
    /// <param name="visitor">Called once per chunk.</param>
    /// <exception cref="HeadChunkCorruptionException">A chunk cannot be read; pass it to <see cref="Repair"/>.</exception>
    public void IterateAllChunks(HeadChunkVisitor visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            FlushLocked(toDisk: false);
            foreach (var (sequence, file) in _files)
            {
                IterateFile(sequence, file, visitor);
            }
        }
    }

    private static void IterateFile(int sequence, MappedFile file, HeadChunkVisitor visitor)
    {
        var window = new FileWindow(file.Handle, file.Length);
        var end = file.Length;
        long position = ChunkSegmentFormat.SegmentHeaderSize;
        while (position < end)
        {
            if (end - position < MaxChunkMetaSize)
            {
                // Too short for a chunk: acceptable only as zero padding.
                if (window.Get(position, (int)(end - position)).ContainsAnyExcept((byte)0))
                {
                    throw Corrupt(file, sequence, position, "unread data too short for a chunk header");
                }

                break;
            }

            var head = window.Get(position, 25 + ChunkSegmentFormat.MaxChunkLengthFieldSize);
            var seriesRef = BinaryPrimitives.ReadUInt64BigEndian(head);
            var minTime = BinaryPrimitives.ReadInt64BigEndian(head[8..]);
            var maxTime = BinaryPrimitives.ReadInt64BigEndian(head[16..]);
            if (seriesRef == 0 && minTime == 0 && maxTime == 0)
            {
                // Series references start at 1: zeros are preallocated space after the last chunk.
                break;
            }

            var encoding = head[24];
            if (!Varint.TryReadUvarint(head[25..], out var length, out var n))
            {
                throw Corrupt(file, sequence, position, "malformed chunk length");
            }

            var headLength = 25 + n;
            var dataEnd = position + headLength + (long)length;
            if (length > int.MaxValue || dataEnd + ChunkSegmentFormat.CrcSize > end)
            {
                throw Corrupt(file, sequence, position, $"chunk of {length} bytes runs past the end of the file ({end} bytes)");
            }

            var record = window.Get(position, (int)(dataEnd - position) + ChunkSegmentFormat.CrcSize);
            var body = record[..^ChunkSegmentFormat.CrcSize];
            var stored = BinaryPrimitives.ReadUInt32BigEndian(record[^ChunkSegmentFormat.CrcSize..]);
            var crc = Crc32C.Compute(body);
            if (crc != stored)
            {
                throw Corrupt(file, sequence, position, $"checksum mismatch: computed {crc:x8}, stored {stored:x8}");
            }

            var data = body[headLength..];
            var numSamples = data.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(data) : 0;
            visitor(
                seriesRef,
                ChunkDiskMapperRef.Create(sequence, (uint)position),
                minTime,
                maxTime,
                numSamples,
                (ChunkEncoding)(encoding & ~OutOfOrderMask),
                (encoding & OutOfOrderMask) != 0);
            position = dataEnd + ChunkSegmentFormat.CrcSize;
        }
    }

    private static HeadChunkCorruptionException Corrupt(MappedFile file, int sequence, long offset, string problem) =>
        new(file.Path, sequence, offset, problem);
}
