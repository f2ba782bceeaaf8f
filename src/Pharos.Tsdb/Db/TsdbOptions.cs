using Pharos.Tsdb.Head;
using Pharos.Tsdb.Wal;

namespace Pharos.Tsdb.Db;

/// <summary>
/// Settings of a <see cref="TsdbDatabase"/>, named after Prometheus's <c>--storage.tsdb.*</c> flags and with their
/// defaults. Immutable.
/// </summary>
public sealed record TsdbOptions
{
    /// <summary>Two hours: <c>--storage.tsdb.min-block-duration</c>'s default.</summary>
    public static readonly TimeSpan DefaultMinBlockDuration = TimeSpan.FromHours(2);

    /// <summary>Fifteen days: <c>--storage.tsdb.retention.time</c>'s default when no size limit is set.</summary>
    public static readonly TimeSpan DefaultRetentionDuration = TimeSpan.FromDays(15);

    /// <summary>The head's settings. Its chunk range is replaced by <see cref="MinBlockDuration"/> at open.</summary>
    public HeadOptions Head { get; init; } = new();

    /// <summary>The WAL's settings (segment size, fsync policy). Its compression is set from <see cref="WalCompression"/> at open.</summary>
    public WalOptions Wal { get; init; } = new();

    /// <summary><c>--storage.tsdb.min-block-duration</c>: the span of blocks cut from the head (2h).</summary>
    public TimeSpan MinBlockDuration { get; init; } = DefaultMinBlockDuration;

    /// <summary>
    /// <c>--storage.tsdb.max-block-duration</c>: the longest span level compaction builds. Null means upstream's
    /// default, 10% of <see cref="RetentionDuration"/> capped at 31 days (and never below the minimum).
    /// </summary>
    public TimeSpan? MaxBlockDuration { get; init; }

    /// <summary><c>--storage.tsdb.retention.time</c>: blocks whose data ends this long before the newest block's end are deleted; zero keeps all.</summary>
    public TimeSpan RetentionDuration { get; init; } = DefaultRetentionDuration;

    /// <summary>
    /// <c>--storage.tsdb.retention.size</c>: the most bytes blocks, WAL and <c>chunks_head</c> may take together; the
    /// oldest blocks are deleted beyond it. Zero disables the limit.
    /// </summary>
    public long MaxBytes { get; init; }

    /// <summary>
    /// <c>--storage.tsdb.out-of-order-time-window</c> (the <c>tsdb.out_of_order_time_window</c> setting). Only zero is
    /// honoured so far: out-of-order samples are rejected and counted.
    /// </summary>
    public TimeSpan OutOfOrderTimeWindow { get; init; }

    /// <summary><c>--storage.tsdb.no-lockfile</c>: do not create or take the <c>lock</c> file.</summary>
    public bool NoLockfile { get; init; }

    /// <summary><c>--storage.tsdb.wal-compression</c>: Snappy-compress WAL records (upstream's default is on).</summary>
    public bool WalCompression { get; init; } = true;

    /// <summary>How often the background loop started by <see cref="TsdbDatabase.Start"/> compacts and applies retention; one minute as upstream.</summary>
    public TimeSpan MaintenanceInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The clock for block ULIDs and the maintenance loop.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The block ranges level compaction uses: 2h, 6h, 18h, … (factor 3) up to the maximum block duration.</summary>
    /// <returns>The ranges in milliseconds, smallest first; at least one.</returns>
    public long[] BlockRangesMs()
    {
        var min = (long)MinBlockDuration.TotalMilliseconds;
        var max = (long)EffectiveMaxBlockDuration().TotalMilliseconds;
        var ranges = new List<long> { min };
        var next = min;
        for (var i = 1; i < 10; i++)
        {
            next *= 3;
            if (next > max)
            {
                break;
            }

            ranges.Add(next);
        }

        return [.. ranges];
    }

    /// <summary>The maximum block duration, applying upstream's default when <see cref="MaxBlockDuration"/> is null.</summary>
    /// <returns>The duration; never below <see cref="MinBlockDuration"/>.</returns>
    public TimeSpan EffectiveMaxBlockDuration()
    {
        var max = MaxBlockDuration ?? DefaultMaxBlockDuration();
        return max < MinBlockDuration ? MinBlockDuration : max;
    }

    private TimeSpan DefaultMaxBlockDuration()
    {
        var cap = TimeSpan.FromDays(31);
        if (RetentionDuration <= TimeSpan.Zero)
        {
            return cap;
        }

        var tenth = RetentionDuration / 10;
        return tenth < cap ? tenth : cap;
    }
}
