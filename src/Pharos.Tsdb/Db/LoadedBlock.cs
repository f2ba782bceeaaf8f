using Microsoft.Extensions.Logging;

namespace Pharos.Tsdb.Db;

/// <summary>
/// A block held by a <see cref="TsdbDatabase"/>, reference-counted so compaction and retention can drop it while
/// queriers still read it (upstream's pending readers): the block set holds one reference and each querier one more;
/// the files are closed, and the directory deleted when so marked, when the last reference goes. Thread-safe.
/// </summary>
internal sealed class LoadedBlock(Block.Block block, ILogger logger)
{
    private int _references = 1;
    private int _deleteOnClose;

    public Block.Block Block { get; } = block;

    /// <summary>The bytes the block's directory takes on disk.</summary>
    public long SizeBytes { get; } = DirectorySize(block.Directory);

    public bool TryAcquire()
    {
        var current = Volatile.Read(ref _references);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) != 0)
        {
            return;
        }

        Block.Dispose();
        if (Volatile.Read(ref _deleteOnClose) != 0)
        {
            Delete(Block.Directory, logger);
        }
    }

    /// <summary>Deletes the directory once closed. On Linux the directory could go at once, but open handles would keep the space.</summary>
    public void MarkForDeletion() => Volatile.Write(ref _deleteOnClose, 1);

    public static long DirectorySize(string directory)
    {
        long total = 0;
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            total += file.Length;
        }

        return total;
    }

    /// <summary>Deletes a block directory the way upstream does: renamed aside first, so a crash mid-delete leaves no half block under a block's name.</summary>
    public static void Delete(string directory, ILogger logger)
    {
        try
        {
            var aside = directory + ".tmp-for-deletion";
            Directory.Move(directory, aside);
            Directory.Delete(aside, recursive: true);
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Deleting block {Block} failed", directory);
        }
    }
}
