namespace Pharos.Tsdb.Chunks;

/// <summary>
/// A head chunk file that cannot be read past some point. <see cref="Sequence"/> and <see cref="Offset"/> locate the
/// first bad byte range so <see cref="ChunkDiskMapper.Repair"/> can cut the file there.
/// </summary>
public sealed class HeadChunkCorruptionException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file.</param>
    /// <param name="sequence">The file's sequence number.</param>
    /// <param name="offset">The offset of the first chunk that could not be read (the file header is offset 0).</param>
    /// <param name="problem">What is wrong.</param>
    public HeadChunkCorruptionException(string path, int sequence, long offset, string problem)
        : base($"corruption in head chunk file {path} at offset {offset}: {problem}")
    {
        Path = path;
        Sequence = sequence;
        Offset = offset;
    }

    /// <summary>The corrupt file.</summary>
    public string Path { get; }

    /// <summary>The corrupt file's sequence number.</summary>
    public int Sequence { get; }

    /// <summary>The offset of the first unreadable chunk; everything before it is intact.</summary>
    public long Offset { get; }
}
