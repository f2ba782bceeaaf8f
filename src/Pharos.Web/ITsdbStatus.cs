namespace Pharos.Web;

/// <summary>Cardinality statistics and WAL replay progress for <c>/api/v1/status/tsdb</c> and <c>/api/v1/status/walreplay</c>.</summary>
public interface ITsdbStatus
{
    /// <summary>Head statistics with the top <paramref name="limit"/> entries of each list.</summary>
    /// <param name="limit">How many entries per list.</param>
    /// <returns>The statistics.</returns>
    TsdbStatistics Statistics(int limit);

    /// <summary>The WAL replay progress: first, last and current segment.</summary>
    /// <returns>The progress.</returns>
    WalReplayStatus WalReplay();
}
