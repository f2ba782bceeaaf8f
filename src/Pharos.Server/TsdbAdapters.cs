using System.Globalization;
using System.Security.Cryptography;
using Pharos.Model;
using Pharos.Tsdb.Db;
using Pharos.Web;

namespace Pharos.Server;

/// <summary>Adapts the TSDB to the web layer's admin and status interfaces.</summary>
internal sealed class TsdbAdapters : ITsdbAdmin, ITsdbStatus
{
    private readonly Func<TsdbDatabase?> _db;
    private readonly WalReplayProgress _progress;
    private readonly TimeProvider _time;

    public TsdbAdapters(Func<TsdbDatabase?> db, WalReplayProgress progress, TimeProvider time)
    {
        _db = db;
        _progress = progress;
        _time = time;
    }

    public void DeleteSeries(long minTimeMs, long maxTimeMs, IReadOnlyList<Matcher> matchers) => Db().Delete(matchers, minTimeMs, maxTimeMs);

    public void CleanTombstones() => Db().CleanTombstones();

    public string Snapshot(bool skipHead)
    {
        var db = Db();

        // Upstream's name: UTC time to the second, then 8 random bytes in hex.
        var name = _time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" +
                   Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        db.Snapshot(Path.Combine(db.Directory, "snapshots", name), withHead: !skipHead);
        return name;
    }

    public TsdbStatistics Statistics(int limit)
    {
        var stats = Db().Stats(limit);
        return new TsdbStatistics(
            stats.Head.NumSeries,
            stats.Head.NumLabelPairs,
            stats.Head.ChunkCount,
            stats.Head.MinTimeMs,
            stats.Head.MaxTimeMs,
            Entries(stats.SeriesCountByMetricName),
            Entries(stats.LabelValueCountByLabelName),
            Entries(stats.MemoryInBytesByLabelName),
            Entries(stats.SeriesCountByLabelValuePair));
    }

    public WalReplayStatus WalReplay() =>
        new(Math.Max(0, _progress.MinSegment), Math.Max(0, _progress.MaxSegment), Math.Max(0, _progress.CurrentSegment));

    private static KeyValuePair<string, long>[] Entries(IReadOnlyList<TsdbStatsEntry> entries) =>
        entries.Select(e => new KeyValuePair<string, long>(e.Name, (long)e.Value)).ToArray();

    private TsdbDatabase Db() => _db() ?? throw new InvalidOperationException("TSDB not ready");
}
