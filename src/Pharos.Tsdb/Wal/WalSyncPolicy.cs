namespace Pharos.Tsdb.Wal;

/// <summary>When the writer fsyncs on its own. Owners can add their own schedule with <see cref="WriteAheadLog.Sync"/>.</summary>
public enum WalSyncPolicy
{
    /// <summary>
    /// Fsync a segment when it is completed (and on close), as Prometheus: a crash may lose what the OS had not
    /// written back yet from the open segment, never a completed one.
    /// </summary>
    SegmentClose,

    /// <summary>Fsync after every <see cref="WriteAheadLog.Log(ReadOnlySpan{byte})"/>: durable on return, and slow.</summary>
    EveryLog,
}
