namespace Pharos.Web;

/// <summary>WAL replay progress by segment number, as upstream's <c>/api/v1/status/walreplay</c>.</summary>
/// <param name="Min">The first segment.</param>
/// <param name="Max">The last segment.</param>
/// <param name="Current">The segment being replayed (equal to <paramref name="Max"/> when done).</param>
public sealed record WalReplayStatus(int Min, int Max, int Current);
