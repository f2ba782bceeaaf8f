using Microsoft.Extensions.Logging;
using Pharos.Tsdb.Block;

namespace Pharos.Tsdb.Db;

/// <summary>An immutable set of loaded blocks sorted by minimum time; replaced as a whole on reload.</summary>
internal sealed class BlockSet(LoadedBlock[] blocks)
{
    public static BlockSet Empty { get; } = new([]);

    public IReadOnlyList<LoadedBlock> Blocks => blocks;

    /// <summary>The newest block end, or <see cref="long.MinValue"/> without blocks.</summary>
    public long MaxTimeMs => blocks.Length == 0 ? long.MinValue : blocks.Max(b => b.Block.MaxTimeMs);

    /// <summary>Blocks that failed to load at the last load.</summary>
    public int Failures { get; private init; }

    /// <summary>
    /// Opens every block directory (a ULID-named directory with a <c>meta.json</c>). A block that fails to open is
    /// logged by name, counted and skipped. A block that is the parent of another loaded block is left over from an
    /// interrupted compaction: it is deleted when <paramref name="deleteObsolete"/>, else just not loaded.
    /// </summary>
    public static BlockSet Load(string directory, ILogger logger, bool deleteObsolete, IReadOnlyDictionary<string, LoadedBlock>? reuse = null)
    {
        var loaded = new List<LoadedBlock>();
        var failures = 0;
        foreach (var sub in System.IO.Directory.EnumerateDirectories(directory))
        {
            var name = Path.GetFileName(sub);
            if (!Ulid.TryParse(name, out _) || !File.Exists(Path.Combine(sub, BlockMeta.FileName)))
            {
                continue;
            }

            if (reuse is not null && reuse.TryGetValue(name, out var existing) && existing.TryAcquire())
            {
                loaded.Add(existing);
                continue;
            }

            try
            {
                loaded.Add(new LoadedBlock(Block.Block.Open(sub), logger));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                failures++;
                logger.LogError("Skipping damaged block {Block}: {Error}", name, e.Message);
            }
        }

        var parents = loaded.SelectMany(b => b.Block.Meta.Compaction.Parents ?? []).Select(p => p.Ulid).ToHashSet(StringComparer.Ordinal);
        var kept = new List<LoadedBlock>();
        foreach (var b in loaded)
        {
            if (!parents.Contains(b.Block.Meta.Ulid))
            {
                kept.Add(b);
                continue;
            }

            logger.LogInformation("Block {Block} was compacted into another block; removing it", b.Block.Meta.Ulid);
            if (deleteObsolete)
            {
                b.MarkForDeletion();
            }

            b.Release();
        }

        kept.Sort(static (a, b) => a.Block.MinTimeMs.CompareTo(b.Block.MinTimeMs));
        return new BlockSet([.. kept]) { Failures = failures };
    }

    /// <summary>Drops the set's reference to every block.</summary>
    public void Release()
    {
        foreach (var b in blocks)
        {
            b.Release();
        }
    }
}
