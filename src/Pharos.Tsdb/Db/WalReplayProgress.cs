namespace Pharos.Tsdb.Db;

/// <summary>
/// How far the WAL replay of an opening database has got, for <c>/api/v1/status/walreplay</c> and <c>/-/ready</c>
/// (503 until <see cref="Done"/>). Create one, pass it to <see cref="TsdbDatabase.Open"/>, and read it from another
/// thread while the open runs. Thread-safe; values may be momentarily stale.
/// </summary>
public sealed class WalReplayProgress
{
    private int _minSegment = -1;
    private int _maxSegment = -1;
    private int _currentSegment = -1;
    private int _state;

    /// <summary>The first segment to replay (after the checkpoint), or -1 before the replay has listed the segments.</summary>
    public int MinSegment => Volatile.Read(ref _minSegment);

    /// <summary>The last segment to replay, or -1 before the replay has listed the segments.</summary>
    public int MaxSegment => Volatile.Read(ref _maxSegment);

    /// <summary>The last segment fully replayed, or -1 before the first one.</summary>
    public int CurrentSegment => Volatile.Read(ref _currentSegment);

    /// <summary>Whether the replay has started (upstream's state "in progress" once true).</summary>
    public bool Started => Volatile.Read(ref _state) >= 1;

    /// <summary>Whether the replay has finished and the database is ready (upstream's state "done").</summary>
    public bool Done => Volatile.Read(ref _state) == 2;

    /// <summary>Upstream's state word: <c>waiting</c>, <c>in progress</c> or <c>done</c>.</summary>
    public string State => Volatile.Read(ref _state) switch
    {
        0 => "waiting",
        1 => "in progress",
        _ => "done",
    };

    internal void Begin(int minSegment, int maxSegment)
    {
        Volatile.Write(ref _minSegment, minSegment);
        Volatile.Write(ref _maxSegment, maxSegment);
        Volatile.Write(ref _state, 1);
    }

    internal void SegmentLoaded(int segment) => Volatile.Write(ref _currentSegment, segment);

    internal void Finish() => Volatile.Write(ref _state, 2);
}
