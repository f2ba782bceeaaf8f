using Pharos.Storage;
using Pharos.Tsdb.Chunks;
using Pharos.Tsdb.Index;
using Pharos.Tsdb.Tombstones;

namespace Pharos.Tsdb.Block;

/// <summary>
/// A persisted block opened for reading (Prometheus <c>tsdb.Block</c>): its meta, index, chunk segments and
/// tombstones. Queriers select as the head's querier does (same matcher semantics, series sorted by labels, samples
/// limited to the query range) and hide samples covered by tombstones. Thread-safe; dispose to close the files once
/// no querier is in use.
/// </summary>
public sealed class Block : Pharos.Storage.IQueryable, IDisposable
{
    private Block(string directory, BlockMeta meta, IndexReader index, ChunkReader chunks, Dictionary<ulong, List<TombstoneInterval>> tombstones)
    {
        Directory = directory;
        Meta = meta;
        Index = index;
        Chunks = chunks;
        Tombstones = tombstones;
    }

    /// <summary>The block directory.</summary>
    public string Directory { get; }

    /// <summary>The parsed <c>meta.json</c>.</summary>
    public BlockMeta Meta { get; }

    /// <summary>The earliest sample time, inclusive.</summary>
    public long MinTimeMs => Meta.MinTimeMs;

    /// <summary>The block's end, exclusive.</summary>
    public long MaxTimeMs => Meta.MaxTimeMs;

    /// <summary>The index reader.</summary>
    public IndexReader Index { get; }

    /// <summary>The chunk segment reader.</summary>
    public ChunkReader Chunks { get; }

    /// <summary>The deleted intervals per series reference.</summary>
    public IReadOnlyDictionary<ulong, List<TombstoneInterval>> Tombstones { get; }

    /// <summary>Opens a block directory, checking its meta, index and chunk segment headers.</summary>
    /// <param name="directory">The block directory (named by its ULID).</param>
    /// <returns>The block.</returns>
    /// <exception cref="InvalidDataException">A file is missing or damaged; the message names it.</exception>
    public static Block Open(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var metaPath = Path.Combine(directory, BlockMeta.FileName);
        BlockMeta meta;
        try
        {
            meta = BlockMeta.Parse(File.ReadAllBytes(metaPath));
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
        {
            throw new InvalidDataException($"{metaPath}: {e.Message}", e);
        }

        var chunksDirectory = Path.Combine(directory, "chunks");
        if (!System.IO.Directory.Exists(chunksDirectory))
        {
            throw new InvalidDataException($"{chunksDirectory}: chunk directory is missing");
        }

        var tombstones = TombstoneFile.Read(Path.Combine(directory, TombstoneFile.FileName));
        var indexPath = Path.Combine(directory, IndexFormat.FileName);
        if (!File.Exists(indexPath))
        {
            throw new InvalidDataException($"{indexPath}: index file is missing");
        }

        var index = IndexReader.Open(indexPath);
        try
        {
            return new Block(directory, meta, index, ChunkReader.Open(chunksDirectory), tombstones);
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IQuerier CreateQuerier(long minTimeMs, long maxTimeMs) => new BlockQuerier(this, minTimeMs, maxTimeMs);

    /// <inheritdoc />
    public void Dispose()
    {
        Index.Dispose();
        Chunks.Dispose();
    }
}
