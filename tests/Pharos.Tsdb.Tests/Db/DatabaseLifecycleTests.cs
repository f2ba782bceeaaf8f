using System.Globalization;
using Pharos.Storage;
using Pharos.Tsdb.Block;
using Pharos.Tsdb.Db;
using Xunit;
using static Pharos.Tsdb.Tests.Head.HeadFixtures;

namespace Pharos.Tsdb.Tests.Db;

public class DatabaseLifecycleTests
{
    private const long Hour = 3_600_000;
    private const long StepMs = 15_000;

    private static TsdbOptions Options(TimeProvider? clock = null) => DbFixtures.SmallOptions with
    {
        TimeProvider = clock ?? TimeProvider.System,
    };

    /// <summary>Appends 12 series every 15 s over [from, to) to the database and the oracle, in batches per timestamp.</summary>
    private static void Fill(IAppendable db, MemoryStorage oracle, long from, long to, int seriesCount = 12)
    {
        var labels = Enumerable.Range(0, seriesCount)
            .Select(i => L("__name__", $"m{i % 3}", "i", i.ToString(CultureInfo.InvariantCulture)))
            .ToArray();
        for (var t = from; t < to; t += StepMs)
        {
            var app = db.CreateAppender();
            var oracleApp = oracle.CreateAppender();
            for (var i = 0; i < labels.Length; i++)
            {
                var v = (t / StepMs * 7 % 1000) + i;
                var r = SeriesRef.None;
                Assert.Equal(AppendStatus.Ok, app.Append(ref r, labels[i], t, v));
                var o = SeriesRef.None;
                oracleApp.Append(ref o, labels[i], t, v);
            }

            app.Commit();
            oracleApp.Commit();
        }
    }

    [Fact]
    public void Maintenance_cuts_the_head_into_blocks_merges_them_and_loses_no_sample()
    {
        using var dir = new TempDirectory();
        var oracle = new MemoryStorage();
        using (var db = TsdbDatabase.Open(dir.Path, Options()))
        {
            Fill(db, oracle, 0, 10 * Hour);
            db.RunMaintenance();

            // Head cut at 2h, 4h, 6h, 8h while it spanned more than 3h; the three oldest merged into one 6h block.
            var blocks = db.Blocks();
            Assert.Equal([(0L, 6 * Hour), (6 * Hour, 8 * Hour)], blocks.Select(b => (b.MinTimeMs, b.MaxTimeMs)).ToArray());
            Assert.Equal(2, blocks[0].Compaction.Level);
            Assert.Equal(3, blocks[0].Compaction.Sources.Count);
            Assert.Equal(8 * Hour, db.Head.MinTimeMs);
            Assert.Equal(5, db.GetMetrics().CompactionsTotal);
            DbFixtures.AssertSameContents(oracle, db);
        }

        // Parents are gone from disk; a reopen reads blocks plus the checkpointed WAL.
        Assert.Equal(2, Directory.EnumerateDirectories(dir.Path).Count(d => Ulid.TryParse(Path.GetFileName(d), out _)));
        using var reopened = TsdbDatabase.Open(dir.Path, Options());
        Assert.Equal(2, reopened.Blocks().Count);
        DbFixtures.AssertSameContents(oracle, reopened);
    }

    [Fact]
    public void Maintenance_loop_runs_on_the_injected_clock_and_stops_at_dispose()
    {
        using var dir = new TempDirectory();
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddDays(1));
        var oracle = new MemoryStorage();
        var db = TsdbDatabase.Open(dir.Path, Options(clock));
        db.Start();
        Fill(db, oracle, 0, 4 * Hour);
        Assert.Empty(db.Blocks());
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(db.Blocks());
        Assert.Equal(1, db.GetMetrics().CompactionsTriggeredTotal);
        db.Dispose();
        clock.Advance(TimeSpan.FromMinutes(5));
        using var reopened = TsdbDatabase.Open(dir.Path, Options());
        DbFixtures.AssertSameContents(oracle, reopened);
    }

    [Fact]
    public async Task Head_compaction_waits_for_open_queriers_and_they_see_every_sample()
    {
        using var dir = new TempDirectory();
        var oracle = new MemoryStorage();
        using var db = TsdbDatabase.Open(dir.Path, Options());
        Fill(db, oracle, 0, 8 * Hour);
        db.RunMaintenance();
        Fill(db, oracle, 8 * Hour, 10 * Hour);
        var want = DbFixtures.Dump(oracle);
        Task<int> maintenance;
        using (var q = db.CreateQuerier(0, 10 * Hour))
        {
            // Maintenance cuts [6h, 8h) and merges blocks while this querier is open; whatever it has done by the
            // time the querier reads, the querier sees every sample.
            maintenance = Task.Run(db.RunMaintenance);
            var all = Drain(q.Select(true, null, Matchers("""__name__=~"m.*" """)));
            Assert.Equal(want.Select(s => s.Labels), all.Select(s => s.Labels));
            Assert.Equal(want.Select(s => s.Samples), all.Select(s => s.Samples));
        }

        Assert.True(await maintenance.WaitAsync(TimeSpan.FromSeconds(60)) > 0);
        Assert.Equal(8 * Hour, db.Head.MinTimeMs);
        DbFixtures.AssertSameContents(oracle, db);
    }

    [Fact]
    public void Damaged_block_is_skipped_by_name_and_counted()
    {
        using var dir = new TempDirectory();
        var oracle = new MemoryStorage();
        string damaged;
        using (var db = TsdbDatabase.Open(dir.Path, Options()))
        {
            Fill(db, oracle, 0, 6 * Hour);
            db.RunMaintenance();
            damaged = db.Blocks()[0].Ulid;
        }

        File.WriteAllBytes(Path.Combine(dir.Path, damaged, "index"), [1, 2, 3]);
        Directory.CreateDirectory(Path.Combine(dir.Path, "01ARZ3NDEKTSV4RRFFQ69G5FAV.tmp-for-creation"));
        Directory.CreateDirectory(Path.Combine(dir.Path, "01ARZ3NDEKTSV4RRFFQ69G5FAW.tmp"));
        var logger = new ListLogger();
        using var reopened = TsdbDatabase.Open(dir.Path, Options(), logger);
        Assert.DoesNotContain(reopened.Blocks(), b => b.Ulid == damaged);
        Assert.Equal(1, reopened.GetMetrics().ReloadsFailuresTotal);
        Assert.Contains(logger.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains(damaged, StringComparison.Ordinal));
        Assert.DoesNotContain(Directory.EnumerateDirectories(dir.Path), d => d.EndsWith(".tmp", StringComparison.Ordinal) || d.EndsWith(".tmp-for-creation", StringComparison.Ordinal));
    }

    [Fact]
    public void Time_retention_deletes_blocks_ending_too_long_before_the_newest()
    {
        using var dir = new TempDirectory();
        var day = 24 * Hour;
        WriteBlocksAt(dir.Path, [0, day, 2 * day, 3 * day, 4 * day, 5 * day]);
        using var db = TsdbDatabase.Open(dir.Path, Options() with { RetentionDuration = TimeSpan.FromDays(3) });
        Assert.Equal(6, db.Blocks().Count);
        db.RunMaintenance();
        Assert.Equal([2 * day, 3 * day, 4 * day, 5 * day], db.Blocks().Select(b => b.MinTimeMs).ToArray());
        Assert.Equal(1, db.GetMetrics().TimeRetentionsTotal);
        Assert.Equal(4, Directory.EnumerateDirectories(dir.Path).Count(d => Ulid.TryParse(Path.GetFileName(d), out _)));
    }

    [Fact]
    public void Size_retention_counts_the_wal_and_deletes_the_oldest_blocks_beyond_the_limit()
    {
        using var dir = new TempDirectory();
        var day = 24 * Hour;
        WriteBlocksAt(dir.Path, [0, day, 2 * day, 3 * day]);
        long limit;
        using (var probe = TsdbDatabase.OpenReadOnly(dir.Path))
        {
            // Room for the WAL, chunks_head and the two newest blocks, not a byte more.
            var sizes = probe.Blocks().Select(b => LoadedBlock.DirectorySize(Path.Combine(dir.Path, b.Ulid))).ToArray();
            limit = sizes[^1] + sizes[^2];
        }

        using var db = TsdbDatabase.Open(dir.Path, Options() with { RetentionDuration = TimeSpan.Zero, MaxBytes = 1 });
        var walBytes = LoadedBlock.DirectorySize(db.WalDirectory) + LoadedBlock.DirectorySize(Path.Combine(dir.Path, "chunks_head"));
        db.Dispose();
        using var limited = TsdbDatabase.Open(dir.Path, Options() with { RetentionDuration = TimeSpan.Zero, MaxBytes = limit + walBytes });
        limited.RunMaintenance();
        Assert.Equal([2 * day, 3 * day], limited.Blocks().Select(b => b.MinTimeMs).ToArray());
        Assert.Equal(1, limited.GetMetrics().SizeRetentionsTotal);
    }

    [Fact]
    public void Delete_hides_samples_in_blocks_and_head_across_reopen_and_clean_tombstones_rewrites_blocks()
    {
        using var dir = new TempDirectory();
        var oracle = new MemoryStorage();
        var victim = L("__name__", "m1", "i", "4");
        var deleteFrom = Hour;
        var deleteTo = (5 * Hour) - 1;
        using (var db = TsdbDatabase.Open(dir.Path, Options()))
        {
            Fill(db, oracle, 0, 6 * Hour);
            db.RunMaintenance();
            Assert.Equal(2, db.Blocks().Count);
            db.Delete(Matchers("""__name__="m1",i="4" """), deleteFrom, deleteTo);
            var left = Read(db, victim);
            Assert.DoesNotContain(left, s => s.T >= deleteFrom && s.T <= deleteTo);
            Assert.Equal(Read(oracle, victim).Where(s => s.T < deleteFrom || s.T > deleteTo), left);
            Assert.Equal(1UL, db.Blocks()[1].Stats.NumTombstones);
        }

        using var reopened = TsdbDatabase.Open(dir.Path, Options());
        var expected = Read(oracle, victim).Where(s => s.T < deleteFrom || s.T > deleteTo).ToList();
        Assert.Equal(expected, Read(reopened, victim));
        Assert.Equal(2, reopened.CleanTombstones());
        Assert.All(reopened.Blocks(), b => Assert.Equal(0UL, b.Stats.NumTombstones));
        Assert.Equal(expected, Read(reopened, victim));
        Assert.Equal(Read(oracle, L("__name__", "m2", "i", "5")), Read(reopened, L("__name__", "m2", "i", "5")));
    }

    [Fact]
    public void Snapshot_with_head_holds_every_sample_and_without_head_only_the_blocks()
    {
        using var dir = new TempDirectory();
        using var snapshots = new TempDirectory();
        var oracle = new MemoryStorage();
        using var db = TsdbDatabase.Open(dir.Path, Options());
        Fill(db, oracle, 0, 5 * Hour);
        db.RunMaintenance();
        db.Snapshot(snapshots.Combine("full"), withHead: true);
        db.Snapshot(snapshots.Combine("blocks"), withHead: false);
        using (var full = TsdbDatabase.OpenReadOnly(snapshots.Combine("full")))
        {
            DbFixtures.AssertSameContents(oracle, full);
        }

        using var blocksOnly = TsdbDatabase.OpenReadOnly(snapshots.Combine("blocks"));
        Assert.Equal(db.Blocks().Select(b => b.Ulid), blocksOnly.Blocks().Select(b => b.Ulid));
        Assert.Equal(2 * Hour - StepMs, DbFixtures.Dump(blocksOnly).Max(s => s.Samples[^1].T));
    }

    [Fact]
    public void Read_only_open_takes_no_lock_writes_nothing_and_refuses_appends()
    {
        using var dir = new TempDirectory();
        var oracle = new MemoryStorage();
        using (var db = TsdbDatabase.Open(dir.Path, Options()))
        {
            Fill(db, oracle, 0, 5 * Hour);
            db.RunMaintenance();
        }

        // Leave a torn tail for the read-only replay to stop at without repairing it.
        var segment = Directory.EnumerateFiles(Path.Combine(dir.Path, "wal")).Order(StringComparer.Ordinal).Last();
        File.AppendAllText(segment, "garbage");
        var before = Listing(dir.Path);
        using var ro = TsdbDatabase.OpenReadOnly(dir.Path, Options());
        using var second = TsdbDatabase.OpenReadOnly(dir.Path, Options());
        Assert.True(ro.ReadOnly);
        Assert.Throws<InvalidOperationException>(() => ro.CreateAppender());
        Assert.Throws<InvalidOperationException>(() => ro.RunMaintenance());
        DbFixtures.AssertSameContents(oracle, ro);
        Assert.Equal(before, Listing(dir.Path));
    }

    [Fact]
    public void Stats_report_head_cardinality_as_upstream()
    {
        using var dir = new TempDirectory();
        using var db = TsdbDatabase.Open(dir.Path, Options());
        Append(db, L("__name__", "up", "job", "a"), (1000, 1));
        Append(db, L("__name__", "up", "job", "b"), (1000, 1));
        Append(db, L("__name__", "up", "job", "bb"), (1000, 1));
        Append(db, L("__name__", "x", "job", "a"), (2000, 1));
        var stats = db.Stats(2);
        Assert.Equal(new TsdbHeadStats(4, 5, 4, 1000, 2000), stats.Head);
        Assert.Equal([new TsdbStatsEntry("up", 3), new TsdbStatsEntry("x", 1)], stats.SeriesCountByMetricName);
        Assert.Equal([new TsdbStatsEntry("job", 3), new TsdbStatsEntry("__name__", 2)], stats.LabelValueCountByLabelName);
        Assert.Equal([new TsdbStatsEntry("__name__", 7), new TsdbStatsEntry("job", 5)], stats.MemoryInBytesByLabelName);
        Assert.Equal([new TsdbStatsEntry("__name__=up", 3), new TsdbStatsEntry("job=a", 2)], stats.SeriesCountByLabelValuePair);
        Assert.Equal(4, db.GetMetrics().HeadSeries);
        Assert.Equal(4, db.GetMetrics().HeadSamplesAppendedTotal);
    }

    [Fact]
    public void Replay_progress_reports_the_segments_and_finishes()
    {
        using var dir = new TempDirectory();
        var oracle = new MemoryStorage();
        using (var db = TsdbDatabase.Open(dir.Path, Options()))
        {
            Fill(db, oracle, 0, 3 * Hour);
        }

        var progress = new WalReplayProgress();
        Assert.Equal("waiting", progress.State);
        var logger = new ListLogger();
        using var reopened = TsdbDatabase.Open(dir.Path, Options(), logger, progress);
        Assert.True(progress.Done);
        Assert.Equal(progress.MaxSegment, progress.CurrentSegment);
        Assert.True(progress.MaxSegment > progress.MinSegment);
        Assert.Contains(logger.Lines, l => l.Contains("Replaying WAL, this may take a while", StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.Contains($"segment={progress.MaxSegment} maxSegment={progress.MaxSegment}", StringComparison.Ordinal));
    }

    private static void WriteBlocksAt(string directory, long[] starts)
    {
        foreach (var start in starts)
        {
            var head = new Pharos.Tsdb.Head.Head(new Pharos.Tsdb.Head.HeadOptions { StripeSize = 64 });
            Fill(head, new MemoryStorage(), start, start + (2 * Hour));
            Assert.NotNull(BlockWriter.Write(head, directory, start, start + (2 * Hour)));
        }
    }

    private static string[] Listing(string directory) =>
        [.. new DirectoryInfo(directory).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
            .Select(f => $"{Path.GetRelativePath(directory, f.FullName)} {(f is FileInfo file ? file.Length : 0)} {f.LastWriteTimeUtc.Ticks}")
            .Order(StringComparer.Ordinal)];
}
