using Microsoft.Extensions.Logging;

namespace Pharos.Tsdb.Db;

public sealed partial class TsdbDatabase
{
    private long _timeRetentions;
    private long _sizeRetentions;

    /// <summary>
    /// Deletes blocks beyond the retention (Prometheus <c>BeyondTimeRetention</c> and <c>BeyondSizeRetention</c>):
    /// walking from the newest block, a block whose end is more than <see cref="TsdbOptions.RetentionDuration"/>
    /// before the newest block's end goes, with every older block; and once the WAL, <c>chunks_head</c> and the blocks
    /// seen so far exceed <see cref="TsdbOptions.MaxBytes"/>, that block and every older one go.
    /// </summary>
    private void ApplyRetention()
    {
        IReadOnlyList<LoadedBlock> newestFirst;
        lock (_blocksLock)
        {
            newestFirst = _blocks.Blocks.OrderByDescending(b => b.Block.MaxTimeMs).ToArray();
        }

        if (newestFirst.Count == 0)
        {
            return;
        }

        var doomed = new HashSet<string>(StringComparer.Ordinal);
        var retentionMs = (long)Options.RetentionDuration.TotalMilliseconds;
        if (retentionMs > 0)
        {
            var newest = newestFirst[0].Block.MaxTimeMs;
            for (var i = 1; i < newestFirst.Count; i++)
            {
                if (newest - newestFirst[i].Block.MaxTimeMs > retentionMs)
                {
                    for (var j = i; j < newestFirst.Count; j++)
                    {
                        doomed.Add(newestFirst[j].Block.Meta.Ulid);
                    }

                    Interlocked.Increment(ref _timeRetentions);
                    break;
                }
            }
        }

        if (Options.MaxBytes > 0)
        {
            var size = HeadStorageBytes();
            for (var i = 0; i < newestFirst.Count; i++)
            {
                size += newestFirst[i].SizeBytes;
                if (size > Options.MaxBytes)
                {
                    for (var j = i; j < newestFirst.Count; j++)
                    {
                        doomed.Add(newestFirst[j].Block.Meta.Ulid);
                    }

                    Interlocked.Increment(ref _sizeRetentions);
                    break;
                }
            }
        }

        if (doomed.Count > 0)
        {
            _logger.LogInformation("Deleting blocks beyond retention: {Blocks}", string.Join(",", doomed));
            RemoveBlocks(doomed);
        }
    }

    /// <summary>The bytes of <c>wal/</c> and <c>chunks_head/</c> (upstream's head size in size retention).</summary>
    private long HeadStorageBytes() =>
        LoadedBlock.DirectorySize(WalDirectory) + LoadedBlock.DirectorySize(Path.Combine(Directory, "chunks_head"));
}
