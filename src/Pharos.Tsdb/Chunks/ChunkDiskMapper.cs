using Microsoft.Win32.SafeHandles;

namespace Pharos.Tsdb.Chunks;

/// <summary>
/// The head's on-disk chunk store, <c>chunks_head/</c> (Prometheus <c>ChunkDiskMapper</c>): full head chunks are
/// written here so memory holds only their references. Files are numbered from <c>000001</c>, start with the
/// <see cref="ChunkSegmentFormat.MagicHeadChunks"/> header and hold records of
/// <c>series ref &lt;8&gt; │ mint &lt;8&gt; │ maxt &lt;8&gt; │ encoding &lt;1&gt; │ len &lt;uvarint&gt; │ data │ CRC32C &lt;4&gt;</c>
/// (see <c>docs/formats/head-chunks.md</c>). Writes always go to a new file after opening, as upstream. Thread-safe.
/// </summary>
public sealed partial class ChunkDiskMapper : IDisposable
{
    /// <summary>The bit of the encoding byte that marks an out-of-order chunk.</summary>
    public const byte OutOfOrderMask = 0x80;

    /// <summary>Prometheus's maximum head chunk file size, 128 MiB.</summary>
    public const long DefaultMaxFileSizeBytes = 128L * 1024 * 1024;

    /// <summary>The size of the fields around a chunk's data at most: series ref, mint, maxt, encoding, length, CRC.</summary>
    public const int MaxChunkMetaSize = 8 + 8 + 8 + 1 + ChunkSegmentFormat.MaxChunkLengthFieldSize + ChunkSegmentFormat.CrcSize;

    private readonly Lock _lock = new();
    private readonly SortedDictionary<int, MappedFile> _files = [];
    private readonly long _maxFileSizeBytes;

    // The open file: written through a buffer, read through its own handle after a flush.
    private FileStream? _writer;
    private int _currentSequence;
    private long _currentOffset;
    private long _flushedOffset;
    private bool _cutRequested;
    private bool _disposed;

    private ChunkDiskMapper(string directory, long maxFileSizeBytes)
    {
        Directory = directory;
        _maxFileSizeBytes = maxFileSizeBytes;
    }

    /// <summary>The <c>chunks_head</c> directory.</summary>
    public string Directory { get; }

    /// <summary>The sequence numbers of the files on disk, ascending.</summary>
    public IReadOnlyList<int> FileSequences
    {
        get
        {
            lock (_lock)
            {
                return [.. _files.Keys];
            }
        }
    }

    /// <summary>
    /// Opens (creating if needed) a head chunk directory. A last file too short for its magic number, or with a zero
    /// magic number, is deleted first: it is what an abrupt stop right after creating a file leaves behind.
    /// </summary>
    /// <param name="directory">The <c>chunks_head</c> directory.</param>
    /// <param name="maxFileSizeBytes">The size at which files are cut; 128 MiB as upstream by default.</param>
    /// <returns>The mapper.</returns>
    /// <exception cref="InvalidDataException">A file has a bad header, or the sequence has a gap.</exception>
    public static ChunkDiskMapper Open(string directory, long maxFileSizeBytes = DefaultMaxFileSizeBytes)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFileSizeBytes, ChunkSegmentFormat.SegmentHeaderSize + (long)MaxChunkMetaSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFileSizeBytes, uint.MaxValue);
        System.IO.Directory.CreateDirectory(directory);
        var mapper = new ChunkDiskMapper(directory, maxFileSizeBytes);
        try
        {
            mapper.OpenExisting();
            return mapper;
        }
        catch
        {
            mapper.Dispose();
            throw;
        }
    }

    /// <summary>Makes the next <see cref="WriteChunk"/> start a new file (upstream calls this on head truncation).</summary>
    public void CutNewFile()
    {
        lock (_lock)
        {
            _cutRequested = true;
        }
    }

    /// <summary>Writes buffered chunks to the operating system and fsyncs the open file.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            FlushLocked(toDisk: true);
        }
    }

    /// <summary>
    /// Deletes the files whose sequence number is below <paramref name="sequence"/>, except the open one, and
    /// arranges for the next chunk to start a new file if the open one holds chunks (upstream <c>Truncate</c>).
    /// </summary>
    /// <param name="sequence">The first sequence number to keep.</param>
    public void Truncate(int sequence)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var seq in _files.Keys.Where(s => s < sequence && !(s == _currentSequence && _writer is not null)).ToList())
            {
                DeleteFileLocked(seq);
            }

            if (_writer is not null && _currentOffset > ChunkSegmentFormat.SegmentHeaderSize)
            {
                _cutRequested = true;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            CloseWriterLocked();
            foreach (var file in _files.Values)
            {
                file.Handle.Dispose();
            }

            _files.Clear();
        }
    }

    private void OpenExisting()
    {
        var segments = ChunkSegmentFormat.ListSegments(Directory);
        if (segments.Count > 0 && IsEmptyTail(segments[^1].Path))
        {
            File.Delete(segments[^1].Path);
            segments = segments.Take(segments.Count - 1).ToList();
        }

        Span<byte> header = stackalloc byte[ChunkSegmentFormat.SegmentHeaderSize];
        for (var i = 0; i < segments.Count; i++)
        {
            var (sequence, path) = segments[i];
            if (i > 0 && sequence != segments[i - 1].Sequence + 1)
            {
                throw new InvalidDataException(
                    $"found unsequential head chunk files {segments[i - 1].Path} and {path}");
            }

            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var file = new MappedFile(path, handle, RandomAccess.GetLength(handle));
            _files.Add(sequence, file);
            var read = RandomAccess.Read(handle, header, 0);
            if (!ChunkSegmentFormat.TryCheckHeader(header[..read], ChunkSegmentFormat.MagicHeadChunks, out var error))
            {
                throw new InvalidDataException($"{path}: {error}");
            }
        }

        _currentSequence = segments.Count > 0 ? segments[^1].Sequence : 0;
    }

    private static bool IsEmptyTail(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        Span<byte> magic = stackalloc byte[4];
        var read = RandomAccess.Read(handle, magic, 0);
        return read < 4 || System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(magic) == 0;
    }

    private void FlushLocked(bool toDisk)
    {
        if (_writer is null)
        {
            return;
        }

        _writer.Flush(flushToDisk: toDisk);
        _flushedOffset = _currentOffset;
        _files[_currentSequence].Length = _currentOffset;
    }

    private void CloseWriterLocked()
    {
        if (_writer is null)
        {
            return;
        }

        FlushLocked(toDisk: true);
        _writer.Dispose();
        _writer = null;
    }

    private void DeleteFileLocked(int sequence)
    {
        if (_files.Remove(sequence, out var file))
        {
            file.Handle.Dispose();
            File.Delete(file.Path);
        }
    }

    private sealed class MappedFile(string path, SafeFileHandle handle, long length)
    {
        public string Path { get; } = path;

        public SafeFileHandle Handle { get; } = handle;

        // Bytes readable through Handle: the file size, or for the open file what has been flushed.
        public long Length { get; set; } = length;
    }
}
