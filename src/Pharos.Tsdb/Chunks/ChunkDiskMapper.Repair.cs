namespace Pharos.Tsdb.Chunks;

public sealed partial class ChunkDiskMapper
{
    /// <summary>
    /// Drops everything from a corruption onwards: the corrupt file is cut at <see cref="HeadChunkCorruptionException.Offset"/>
    /// (deleted when nothing before it survives) and every later file is deleted. Upstream deletes the whole corrupt
    /// file; keeping its intact prefix loses less, and the WAL still holds the samples of what was dropped.
    /// </summary>
    /// <param name="corruption">The error from <see cref="IterateAllChunks"/> or <see cref="ReadChunk"/>.</param>
    /// <returns>The number of bytes dropped.</returns>
    public long Repair(HeadChunkCorruptionException corruption)
    {
        ArgumentNullException.ThrowIfNull(corruption);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CloseWriterLocked();
            long dropped = 0;
            foreach (var sequence in _files.Keys.Where(s => s > corruption.Sequence).ToList())
            {
                dropped += _files[sequence].Length;
                DeleteFileLocked(sequence);
            }

            if (_files.TryGetValue(corruption.Sequence, out var file))
            {
                if (corruption.Offset <= ChunkSegmentFormat.SegmentHeaderSize)
                {
                    dropped += file.Length;
                    DeleteFileLocked(corruption.Sequence);
                }
                else if (corruption.Offset < file.Length)
                {
                    dropped += file.Length - corruption.Offset;
                    using (var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                    {
                        stream.SetLength(corruption.Offset);
                        stream.Flush(flushToDisk: true);
                    }

                    file.Length = corruption.Offset;
                }
            }

            // New chunks continue right after the last surviving file, so the sequence has no gap.
            _currentSequence = _files.Count > 0 ? _files.Keys.Max() : 0;
            return dropped;
        }
    }
}
