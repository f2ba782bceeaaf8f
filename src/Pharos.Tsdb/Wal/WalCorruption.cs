namespace Pharos.Tsdb.Wal;

/// <summary>
/// Where and why a WAL stopped being readable. <see cref="Segment"/> and <see cref="Offset"/> mark the end of the
/// last intact record: everything before it is good, and <see cref="WalRepair.Repair"/> cuts the log there.
/// </summary>
/// <param name="Segment">The segment holding the start of the unreadable record.</param>
/// <param name="Offset">The byte offset in that segment where the unreadable record starts.</param>
/// <param name="FailedSegment">The segment where reading failed.</param>
/// <param name="FailedOffset">The byte offset in that segment of the fragment (or byte) that failed.</param>
/// <param name="Reason">What is wrong, for logs.</param>
public sealed record WalCorruption(int Segment, long Offset, int FailedSegment, long FailedOffset, string Reason)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"WAL corruption in segment {FailedSegment} at offset {FailedOffset}: {Reason} (last good record ends at segment {Segment} offset {Offset})";
}
