using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using Pharos.Tsdb.Binary;

namespace Pharos.Tsdb.Chunks;

/// <summary>
/// Reads chunks from a block's <c>chunks/</c> directory (Prometheus <c>chunks.Reader</c>) through read-only memory
/// maps of its segment files. Thread-safe for concurrent reads; dispose to unmap.
/// </summary>
public sealed class ChunkReader : IDisposable
{
    private readonly List<Segment> _segments = [];

    private ChunkReader(string directory) => Directory = directory;

    /// <summary>The directory read.</summary>
    public string Directory { get; }

    /// <summary>The number of segment files.</summary>
    public int SegmentCount => _segments.Count;

    /// <summary>The total size of the segment files in bytes.</summary>
    public long SizeBytes => _segments.Sum(s => s.Length);

    /// <summary>Opens every segment of <paramref name="directory"/> and checks their headers.</summary>
    /// <param name="directory">A block's <c>chunks</c> directory.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="InvalidDataException">A segment has a bad header; the message names the file.</exception>
    public static ChunkReader Open(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var reader = new ChunkReader(directory);
        try
        {
            foreach (var (_, path) in ChunkSegmentFormat.ListSegments(directory))
            {
                reader._segments.Add(Segment.Open(path));
            }

            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Reads the chunk at <paramref name="reference"/>, verifying its checksum.</summary>
    /// <param name="reference">A reference written by <see cref="ChunkWriter"/> (or Prometheus).</param>
    /// <returns>A chunk owning a copy of the bytes.</returns>
    /// <exception cref="InvalidDataException">The reference or the stored chunk is invalid; the message names the file.</exception>
    public IChunk ReadChunk(ChunkRef reference)
    {
        var (encoding, data) = ReadRaw(reference);
        return Chunk.FromBytes(encoding, data);
    }

    /// <summary>Reads the encoding and bytes of the chunk at <paramref name="reference"/>, verifying its checksum.</summary>
    /// <param name="reference">The chunk's reference.</param>
    /// <returns>The encoding and a copy of the bytes.</returns>
    /// <exception cref="InvalidDataException">The reference or the stored chunk is invalid.</exception>
    public (ChunkEncoding Encoding, byte[] Data) ReadRaw(ChunkRef reference)
    {
        if ((uint)reference.SegmentIndex >= (uint)_segments.Count)
        {
            throw new InvalidDataException(
                $"chunk reference {reference} names segment {reference.SegmentIndex}, but {Directory} has {_segments.Count}");
        }

        var segment = _segments[reference.SegmentIndex];
        long offset = reference.Offset;
        if (offset < ChunkSegmentFormat.SegmentHeaderSize || offset >= segment.Length)
        {
            throw segment.Corrupt($"chunk offset {offset} is outside the file ({segment.Length} bytes)");
        }

        Span<byte> head = stackalloc byte[ChunkSegmentFormat.MaxChunkLengthFieldSize + 1];
        var headLength = (int)Math.Min(head.Length, segment.Length - offset);
        segment.Read(offset, head[..headLength]);
        if (!Varint.TryReadUvarint(head[..headLength], out var length, out var n) || n >= headLength)
        {
            throw segment.Corrupt($"chunk length at offset {offset} is malformed");
        }

        var encoding = (ChunkEncoding)head[n];
        var dataStart = offset + n + 1;
        if (length > int.MaxValue || dataStart + (long)length + ChunkSegmentFormat.CrcSize > segment.Length)
        {
            throw segment.Corrupt($"chunk at offset {offset} of {length} bytes runs past the end of the file");
        }

        var data = new byte[(int)length];
        segment.ReadInto(dataStart, data);
        Span<byte> sum = stackalloc byte[ChunkSegmentFormat.CrcSize];
        segment.Read(dataStart + data.Length, sum);
        var crc = Crc32C.Finish(Crc32C.Update(Crc32C.Update(Crc32C.Initial, head.Slice(n, 1)), data));
        var expected = BinaryPrimitives.ReadUInt32BigEndian(sum);
        if (crc != expected)
        {
            throw segment.Corrupt($"checksum mismatch for chunk at offset {offset}: computed {crc:x8}, stored {expected:x8}");
        }

        return (encoding, data);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var segment in _segments)
        {
            segment.Dispose();
        }

        _segments.Clear();
    }

    private sealed class Segment : IDisposable
    {
        private readonly MemoryMappedFile _map;
        private readonly MemoryMappedViewAccessor _view;

        private Segment(string path, long length, MemoryMappedFile map, MemoryMappedViewAccessor view)
        {
            Path = path;
            Length = length;
            _map = map;
            _view = view;
        }

        public string Path { get; }

        public long Length { get; }

        public static Segment Open(string path)
        {
            var length = new FileInfo(path).Length;
            Span<byte> header = stackalloc byte[ChunkSegmentFormat.SegmentHeaderSize];
            if (length < ChunkSegmentFormat.SegmentHeaderSize)
            {
                throw new InvalidDataException($"{path}: file of {length} bytes has no segment header");
            }

            var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, 0, MemoryMappedFileAccess.Read);
            var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            var segment = new Segment(path, length, map, view);
            segment.Read(0, header);
            if (!ChunkSegmentFormat.TryCheckHeader(header, ChunkSegmentFormat.MagicChunks, out var error))
            {
                segment.Dispose();
                throw new InvalidDataException($"{path}: {error}");
            }

            return segment;
        }

        public void Read(long offset, Span<byte> destination)
        {
            // ReadArray copies straight out of the mapping; spans over mapped memory would need unsafe code.
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(destination.Length);
            try
            {
                var read = _view.ReadArray(offset, buffer, 0, destination.Length);
                buffer.AsSpan(0, read).CopyTo(destination);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        public void ReadInto(long offset, byte[] destination)
        {
            if (_view.ReadArray(offset, destination, 0, destination.Length) != destination.Length)
            {
                throw Corrupt($"short read of {destination.Length} bytes at offset {offset}");
            }
        }

        public InvalidDataException Corrupt(string problem) => new($"{Path}: {problem}");

        public void Dispose()
        {
            _view.Dispose();
            _map.Dispose();
        }
    }
}
