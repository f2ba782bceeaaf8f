using Pharos.Model;
using Pharos.Storage;
using Pharos.Tsdb.Db;
using Pharos.Tsdb.Record;
using Pharos.Tsdb.Wal;
using Xunit;
using static Pharos.Tsdb.Tests.Head.HeadFixtures;

namespace Pharos.Tsdb.Tests.Db;

public class TsdbDatabaseTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Replay_restores_every_committed_sample_and_series(int seed)
    {
        using var dir = new TempDirectory();
        var random = new Random(seed);
        var oracle = new MemoryStorage();
        var names = Enumerable.Range(0, 30).Select(i => L("__name__", $"m{i % 7}", "i", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var lastT = new long[names.Length];
        var db = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions);
        try
        {
            for (var batch = 0; batch < 300; batch++)
            {
                var app = db.CreateAppender();
                var accepted = new List<(Labels, long, double)>();
                var pending = (long[])lastT.Clone();
                for (var n = random.Next(1, 20); n > 0; n--)
                {
                    var i = random.Next(names.Length);
                    var t = pending[i] + random.Next(-2, 5000);
                    var v = random.Next(4) == 0 ? random.NextDouble() : Math.Round(random.NextDouble() * 100);
                    var reference = SeriesRef.None;
                    if (app.Append(ref reference, names[i], t, v) == AppendStatus.Ok && t > pending[i])
                    {
                        pending[i] = t;
                        accepted.Add((names[i], t, v));
                    }
                }

                if (random.Next(5) == 0)
                {
                    app.Rollback();
                    continue;
                }

                app.Commit();
                lastT = pending;
                var oracleApp = oracle.CreateAppender();
                foreach (var (labels, t, v) in accepted)
                {
                    var reference = SeriesRef.None;
                    Assert.Equal(AppendStatus.Ok, oracleApp.Append(ref reference, labels, t, v));
                }

                oracleApp.Commit();

                // Reopen now and then, so replay also meets WALs written across several sessions.
                if (random.Next(60) == 0)
                {
                    db.Dispose();
                    db = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions);
                    DbFixtures.AssertSameContents(oracle, db);
                }
            }

            DbFixtures.AssertSameContents(oracle, db);
            db.Dispose();
            Assert.True(WalFormat.ListSegments(dir.Combine("wal")).Count > 1, "the WAL should span several segments");
            db = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions);
            Assert.Null(db.Replay.Corruption);
            Assert.Equal(0, db.Replay.UnknownSeriesReferences);
            DbFixtures.AssertSameContents(oracle, db);
        }
        finally
        {
            db.Dispose();
        }
    }

    [Fact]
    public void Series_keep_their_references_and_new_series_continue_after_them()
    {
        using var dir = new TempDirectory();
        SeriesRef a, b;
        using (var db = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions))
        {
            a = Append(db, L("__name__", "a"), (1, 1));
            b = Append(db, L("__name__", "b"), (1, 2));
        }

        using var reopened = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions);
        var app = reopened.CreateAppender();
        var ra = SeriesRef.None;
        var rc = SeriesRef.None;
        Assert.Equal(AppendStatus.Ok, app.Append(ref ra, L("__name__", "a"), 2, 1));
        Assert.Equal(AppendStatus.Ok, app.Append(ref rc, L("__name__", "c"), 2, 1));
        app.Commit();
        Assert.Equal(a, ra);
        Assert.True(rc.Value > b.Value);
    }

    [Fact]
    public void Rolled_back_samples_never_reach_the_wal()
    {
        using var dir = new TempDirectory();
        using (var db = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions))
        {
            Append(db, L("__name__", "kept"), (1, 1));
            var app = db.CreateAppender();
            var r1 = SeriesRef.None;
            var r2 = SeriesRef.None;
            app.Append(ref r1, L("__name__", "kept"), 2, 2);
            app.Append(ref r2, L("__name__", "dropped"), 2, 2);
            app.Rollback();
        }

        var sampleRecords = new List<RefSample>();
        using (var reader = WalReader.Open(dir.Combine("wal")))
        {
            while (reader.Next())
            {
                if (RecordDecoder.GetType(reader.Record) == RecordType.Samples)
                {
                    RecordDecoder.Samples(reader.Record, sampleRecords);
                }
            }

            Assert.Null(reader.Corruption);
        }

        Assert.Equal([1L], sampleRecords.Select(s => s.TimestampMs));
        using var reopened = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions);
        Assert.Equal([(1L, 1.0)], Read(reopened, L("__name__", "kept")));
        Assert.Empty(Read(reopened, L("__name__", "dropped")));
    }

    [Fact]
    public void The_lock_file_prevents_a_second_open_until_the_first_is_disposed()
    {
        using var dir = new TempDirectory();
        var first = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions);
        var error = Assert.Throws<IOException>(() => TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions));
        Assert.Contains("lock", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.Combine("lock")));
        first.Dispose();
        using var second = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions);
        Assert.True(Directory.Exists(dir.Combine("wal")));
        Assert.True(Directory.Exists(dir.Combine("chunks_head")));
    }

    [Fact]
    public void A_failing_wal_fails_the_commit_and_leaves_nothing_visible()
    {
        using var dir = new TempDirectory();
        using var db = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions);
        Append(db, L("__name__", "x"), (1, 1));

        // The log closed underneath the head stands in for a full disk: Log throws.
        db.Head.Wal!.Dispose();
        var app = db.CreateAppender();
        var reference = SeriesRef.None;
        Assert.Equal(AppendStatus.Ok, app.Append(ref reference, L("__name__", "x"), 2, 2));
        Assert.ThrowsAny<Exception>(app.Commit);
        Assert.Equal([(1L, 1.0)], Read(db, L("__name__", "x")));

        // The series is not left waiting on the failed batch.
        db.Head.AttachWal(null);
        Append(db, L("__name__", "x"), (2, 3));
        Assert.Equal([(1L, 1.0), (2L, 3.0)], Read(db, L("__name__", "x")));
    }

    [Fact]
    public void Exemplars_and_metadata_are_replayed()
    {
        using var dir = new TempDirectory();
        var labels = L("__name__", "req_total");
        var exemplar = new Exemplar(L("trace_id", "abc"), 1, 10, HasTimestamp: true);
        var metadata = new Metadata(MetricType.Counter, "Requests.", "");
        using (var db = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions))
        {
            var app = db.CreateAppender();
            var reference = SeriesRef.None;
            app.Append(ref reference, labels, 10, 1);
            Assert.Equal(AppendStatus.Ok, app.AppendExemplar(reference, labels, exemplar));
            app.UpdateMetadata(reference, labels, metadata);
            app.Commit();
        }

        using var reopened = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions);
        Assert.Equal([exemplar], reopened.Head.GetExemplars(labels));
        Assert.Equal(metadata, reopened.Head.GetMetadata(labels));
    }

    [Fact]
    public void Truncation_checkpoints_live_series_and_newer_samples_and_deletes_old_segments()
    {
        using var dir = new TempDirectory();
        var options = DbFixtures.SmallOptions with { MinBlockDuration = TimeSpan.FromSeconds(1) };
        List<(Labels Labels, List<(long T, double V)> Samples)> expected;
        using (var db = TsdbDatabase.Open(dir.Path, options))
        {
            for (var t = 0L; t < 3000; t += 10)
            {
                var app = db.CreateAppender();
                for (var i = 0; i < 20; i++)
                {
                    var reference = SeriesRef.None;
                    app.Append(ref reference, L("__name__", "m", "i", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), t, t);
                }

                // A series that stops early, so truncation removes it.
                var early = SeriesRef.None;
                if (t < 500)
                {
                    app.Append(ref early, L("__name__", "early"), t, t);
                }

                app.Commit();
            }

            var before = WalFormat.ListSegments(dir.Combine("wal")).Count;
            var checkpoint = db.Truncate(1500);
            Assert.NotNull(checkpoint);
            Assert.True(WalFormat.ListSegments(dir.Combine("wal")).Count < before);
            Assert.Equal(1, db.CheckpointCreationsTotal);
            expected = DbFixtures.Dump(db);
            Assert.DoesNotContain(expected, s => s.Labels == L("__name__", "early"));
        }

        using var reopened = TsdbDatabase.Open(dir.Path, options);
        Assert.Null(reopened.Replay.Corruption);
        var got = DbFixtures.Dump(reopened);

        // The head kept whole chunks reaching past 1500; the checkpoint keeps samples from 1500 on. Compare from there.
        static List<(Labels, List<(long T, double V)>)> From(List<(Labels Labels, List<(long T, double V)> Samples)> all) =>
            [.. all.Select(s => (s.Labels, s.Samples.Where(x => x.T >= 1500).ToList()))];
        Assert.Equal(From(expected).Select(s => s.Item1), From(got).Select(s => s.Item1));
        Assert.Equal(From(expected).SelectMany(s => s.Item2), From(got).SelectMany(s => s.Item2));
    }
}
