using Pharos.Tsdb.Db;
using Pharos.Tsdb.Wal;
using Xunit;
using static Pharos.Tsdb.Tests.Head.HeadFixtures;

namespace Pharos.Tsdb.Tests.Db;

public class WalCorruptionReplayTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(6, true)]
    [InlineData(7, true)]
    [InlineData(8, true)]
    [InlineData(9, true)]
    [InlineData(10, true)]
    public void A_torn_or_corrupted_last_segment_keeps_the_prefix_and_startup_succeeds(int seed, bool flipByte)
    {
        using var dir = new TempDirectory();
        var random = new Random(seed);
        var labels = L("__name__", "m");

        // One sample per commit, so commit k is durable exactly when the WAL holds bytes up to its end.
        var ends = new List<(int Segment, long Offset)>();
        using (var db = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions))
        {
            for (var k = 0; k < 400; k++)
            {
                Append(db, labels, (k, k));
                var segment = db.Head.Wal!.CurrentSegment;
                ends.Add((segment, new FileInfo(dir.Combine("wal", WalFormat.SegmentName(segment))).Length));
            }
        }

        var last = WalFormat.ListSegments(dir.Combine("wal"))[^1];
        var length = new FileInfo(last.Path).Length;
        var offset = random.NextInt64(0, length);
        if (flipByte)
        {
            using var file = new FileStream(last.Path, FileMode.Open, FileAccess.ReadWrite);
            file.Position = offset;
            var b = file.ReadByte();
            file.Position = offset;
            file.WriteByte((byte)(b ^ (1 << random.Next(8))));
        }
        else
        {
            using var file = new FileStream(last.Path, FileMode.Open, FileAccess.ReadWrite);
            file.SetLength(offset);
        }

        // Commits ending at or before the damaged byte are intact.
        var intact = ends.Count(e => e.Segment < last.Index || e.Offset <= offset);
        using (var reopened = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions))
        {
            var samples = Read(reopened, labels);
            Assert.True(samples.Count >= intact, $"{samples.Count} samples restored, {intact} were before offset {offset}");
            Assert.Equal(Enumerable.Range(0, samples.Count).Select(k => ((long)k, (double)k)), samples);
            if (flipByte)
            {
                Assert.NotNull(reopened.Replay.Corruption);
                Assert.Equal(1, reopened.WalCorruptionsTotal);
                Assert.True(reopened.Replay.DroppedBytes > 0);
            }

            // The repaired WAL takes new commits after what survived.
            Append(reopened, labels, (1000, 1));
        }

        using var again = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions);
        Assert.Null(again.Replay.Corruption);
        Assert.Equal(0, again.WalCorruptionsTotal);
        Assert.Equal((1000L, 1.0), Read(again, labels)[^1]);
        Assert.True(Read(again, labels).Count >= intact + 1);
    }

    [Fact]
    public void Garbage_after_the_last_record_is_repaired_and_counted()
    {
        using var dir = new TempDirectory();
        using (var db = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions))
        {
            Append(db, L("__name__", "m"), (1, 1), (2, 2));
        }

        var last = WalFormat.ListSegments(dir.Combine("wal"))[^1];
        File.AppendAllText(last.Path, "not a record");
        using var reopened = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions);
        Assert.Equal(1, reopened.WalCorruptionsTotal);
        Assert.Equal([(1L, 1.0), (2L, 2.0)], Read(reopened, L("__name__", "m")));
    }
}
