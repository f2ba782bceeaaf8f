using Pharos.Tsdb.Wal;
using Xunit;

namespace Pharos.Tsdb.Tests.Wal;

public class WalCorruptionTests
{
    private sealed record Written(byte[] Data, int Segment, long Start, long End);

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Torn_tail_is_reported_at_the_start_of_the_torn_record_and_repair_keeps_the_prefix(int seed)
    {
        using var dir = new TempDirectory();
        var random = new Random(seed);
        var written = WriteAndLocate(dir.Path, random, segmentSizeBytes: 8 * WalFormat.PageSize);
        var last = written[^1].Segment;
        var lastPath = dir.Combine(WalFormat.SegmentName(last));
        var cut = random.NextInt64(0, new FileInfo(lastPath).Length);
        using (var stream = new FileStream(lastPath, FileMode.Open))
        {
            stream.SetLength(cut);
        }

        var intact = written.Where(w => w.Segment < last || w.End <= cut).ToList();
        var torn = written.SingleOrDefault(w => w.Segment == last && w.Start < cut && cut < w.End);
        var corruption = ReadExpecting(dir.Path, intact);
        if (torn is null)
        {
            Assert.Null(corruption);
            return;
        }

        Assert.NotNull(corruption);
        Assert.Equal((last, torn.Start), (corruption.Segment, corruption.Offset));
        RepairAndContinue(dir.Path, corruption, intact);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Flipped_byte_is_reported_at_the_record_holding_it_and_repair_keeps_everything_before(int seed)
    {
        using var dir = new TempDirectory();
        var random = new Random(seed);
        var written = WriteAndLocate(dir.Path, random, segmentSizeBytes: 8 * WalFormat.PageSize);
        var segment = random.Next(written[^1].Segment + 1);
        var path = dir.Combine(WalFormat.SegmentName(segment));
        var bytes = File.ReadAllBytes(path);
        var position = random.Next(bytes.Length);

        // Inverting all eight bits always breaks a type byte, a length, a checksum, data or padding detectably.
        bytes[position] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var intact = written.Where(w => w.Segment < segment || (w.Segment == segment && w.End <= position)).ToList();
        var holder = written.SingleOrDefault(w => w.Segment == segment && w.Start <= position && position < w.End);
        var expectedOffset = holder?.Start ?? written.Where(w => w.Segment == segment && w.End <= position).Select(w => w.End).DefaultIfEmpty(0).Max();
        var corruption = ReadExpecting(dir.Path, intact);
        Assert.NotNull(corruption);
        Assert.Equal((segment, expectedOffset), (corruption.Segment, corruption.Offset));
        Assert.Equal(segment, corruption.FailedSegment);
        Assert.True(corruption.FailedOffset <= position, corruption.ToString());
        RepairAndContinue(dir.Path, corruption, intact);
    }

    [Fact]
    public void Record_cut_after_its_first_fragment_is_a_torn_last_record()
    {
        using var dir = new TempDirectory();
        using (var wal = WriteAheadLog.Open(dir.Path))
        {
            wal.Log(new byte[WalFormat.PageSize * 2]);
        }

        var path = dir.Combine("00000000");
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(WalFormat.PageSize);
        }

        using var reader = WalReader.Open(dir.Path);
        Assert.False(reader.Next());
        Assert.Equal("last record is torn", reader.Corruption!.Reason);
        Assert.Equal(0, reader.Corruption.Offset);
    }

    private static List<Written> WriteAndLocate(string directory, Random random, long segmentSizeBytes)
    {
        var records = WalTests.RandomRecords(random, random.Next(20, 80));
        var compression = random.Next(2) == 0 ? WalCompression.None : WalCompression.Snappy;
        using (var wal = WriteAheadLog.Open(directory, new WalOptions { SegmentSizeBytes = segmentSizeBytes, Compression = compression }))
        {
            foreach (var record in records)
            {
                wal.Log(record);
            }
        }

        var written = new List<Written>();
        using var reader = WalReader.Open(directory);
        while (reader.Next())
        {
            written.Add(new Written(reader.Record.ToArray(), reader.Segment, reader.Offset, reader.EndOffset));
        }

        Assert.Null(reader.Corruption);
        Assert.Equal(records, written.Select(w => w.Data));
        return written;
    }

    private static WalCorruption? ReadExpecting(string directory, List<Written> intact)
    {
        using var reader = WalReader.Open(directory);
        var i = 0;
        while (reader.Next())
        {
            Assert.True(i < intact.Count, $"read a record past the damage: {reader.Segment}:{reader.Offset}");
            Assert.Equal(intact[i++].Data, reader.Record.ToArray());
        }

        Assert.Equal(intact.Count, i);
        return reader.Corruption;
    }

    private static void RepairAndContinue(string directory, WalCorruption corruption, List<Written> intact)
    {
        WalRepair.Repair(directory, corruption);
        Assert.Null(ReadExpecting(directory, intact));
        using (var wal = WriteAheadLog.Open(directory))
        {
            Assert.Equal(corruption.Segment + 1, wal.CurrentSegment);
            wal.Log("after repair"u8);
        }

        WalTests.AssertReadsBack(directory, [.. intact.Select(w => w.Data), "after repair"u8.ToArray()]);
    }
}
