using System.Buffers.Binary;
using Pharos.Tsdb.Binary;
using Pharos.Tsdb.Wal;
using Xunit;

namespace Pharos.Tsdb.Tests.Wal;

public class WalTests
{
    [Fact]
    public void Small_record_is_one_full_fragment_with_big_endian_length_and_checksum()
    {
        using var dir = new TempDirectory();
        using (var wal = WriteAheadLog.Open(dir.Path))
        {
            wal.Log("abc"u8);
        }

        var bytes = File.ReadAllBytes(dir.Combine("00000000"));

        // type 1 (full) │ length 00 03 │ CRC32C("abc") = 364B3FB7 │ "abc"; the open page is not padded on close.
        Assert.Equal(Convert.FromHexString("010003364B3FB7616263"), bytes);
    }

    [Fact]
    public void Record_larger_than_a_page_is_split_into_first_middle_and_last_fragments_at_page_boundaries()
    {
        using var dir = new TempDirectory();
        var record = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray();
        using (var wal = WriteAheadLog.Open(dir.Path))
        {
            wal.Log(record);
        }

        var bytes = File.ReadAllBytes(dir.Combine("00000000"));
        var max = WalFormat.MaxFragmentDataSize;
        AssertFragment(bytes, 0, WalFragmentType.First, record.AsSpan(0, max));
        AssertFragment(bytes, WalFormat.PageSize, WalFragmentType.Middle, record.AsSpan(max, max));
        AssertFragment(bytes, 2 * WalFormat.PageSize, WalFragmentType.Last, record.AsSpan(2 * max));
        Assert.Equal((2 * WalFormat.PageSize) + WalFormat.RecordHeaderSize + record.Length - (2 * max), bytes.Length);
        AssertReadsBack(dir.Path, [record]);
    }

    [Fact]
    public void Page_with_fewer_bytes_left_than_a_header_is_zero_padded_and_the_next_record_starts_a_new_page()
    {
        using var dir = new TempDirectory();

        // 7 + 32756 leaves 5 bytes: less than a header.
        var first = new byte[WalFormat.PageSize - WalFormat.RecordHeaderSize - 5];
        Array.Fill(first, (byte)0xAB);
        using (var wal = WriteAheadLog.Open(dir.Path))
        {
            wal.Log(first);
            wal.Log("x"u8);
        }

        var bytes = File.ReadAllBytes(dir.Combine("00000000"));
        Assert.All(bytes[(WalFormat.PageSize - 5)..WalFormat.PageSize], b => Assert.Equal(0, b));
        AssertFragment(bytes, WalFormat.PageSize, WalFragmentType.Full, "x"u8);
        AssertReadsBack(dir.Path, [first, "x"u8.ToArray()]);
    }

    [Fact]
    public void Exactly_a_header_left_gives_an_empty_first_fragment_as_upstream()
    {
        using var dir = new TempDirectory();
        var filler = new byte[WalFormat.PageSize - (2 * WalFormat.RecordHeaderSize)];
        using (var wal = WriteAheadLog.Open(dir.Path))
        {
            wal.Log(filler);
            wal.Log("yz"u8);
        }

        var bytes = File.ReadAllBytes(dir.Combine("00000000"));
        AssertFragment(bytes, WalFormat.PageSize - WalFormat.RecordHeaderSize, WalFragmentType.First, []);
        AssertFragment(bytes, WalFormat.PageSize, WalFragmentType.Last, "yz"u8);
        AssertReadsBack(dir.Path, [filler, "yz"u8.ToArray()]);
    }

    [Theory]
    [InlineData(WalCompression.None)]
    [InlineData(WalCompression.Snappy)]
    public void Records_round_trip_across_segments_and_never_cross_a_segment(WalCompression compression)
    {
        using var dir = new TempDirectory();
        var records = RandomRecords(new Random(3), 300);
        var completed = new List<int>();
        var options = new WalOptions { SegmentSizeBytes = 4 * WalFormat.PageSize, Compression = compression, SegmentCompleted = completed.Add };
        using (var wal = WriteAheadLog.Open(dir.Path, options))
        {
            foreach (var record in records)
            {
                wal.Log(record);
            }
        }

        var segments = WalFormat.ListSegments(dir.Path);
        Assert.True(segments.Count > 2);
        Assert.Equal(Enumerable.Range(0, segments.Count - 1), completed);
        Assert.All(segments, s => Assert.True(new FileInfo(s.Path).Length <= 4 * WalFormat.PageSize));
        using var reader = WalReader.Open(dir.Path);
        var i = 0;
        while (reader.Next())
        {
            Assert.Equal(records[i++], reader.Record.ToArray());

            // Every record starts and ends in one segment file.
            Assert.True(reader.EndOffset <= new FileInfo(segments[reader.Segment].Path).Length);
        }

        Assert.Null(reader.Corruption);
        Assert.Equal(records.Count, i);
    }

    [Fact]
    public void Snappy_compressed_records_carry_the_compression_bit_and_skip_it_when_it_does_not_help()
    {
        using var dir = new TempDirectory();
        var compressible = new byte[1000];
        var random = new byte[40];
        new Random(1).NextBytes(random);
        using (var wal = WriteAheadLog.Open(dir.Path, new WalOptions { Compression = WalCompression.Snappy }))
        {
            wal.Log(compressible);
            wal.Log(random);
        }

        var bytes = File.ReadAllBytes(dir.Combine("00000000"));
        Assert.Equal(0x09, bytes[0]);
        var second = WalFormat.RecordHeaderSize + BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(1));
        Assert.Equal(0x01, bytes[second]);
        AssertReadsBack(dir.Path, [compressible, random]);
    }

    [Fact]
    public void Reopening_starts_a_new_segment_and_truncate_drops_older_ones()
    {
        using var dir = new TempDirectory();
        using (var wal = WriteAheadLog.Open(dir.Path))
        {
            wal.Log("one"u8);
        }

        using (var wal = WriteAheadLog.Open(dir.Path))
        {
            Assert.Equal(1, wal.CurrentSegment);
            wal.Log("two"u8);
            Assert.Equal(2, wal.NextSegment());
            wal.Log("three"u8);
            wal.Truncate(1);
        }

        Assert.Equal([1, 2], WalFormat.ListSegments(dir.Path).Select(s => s.Index));
        AssertReadsBack(dir.Path, ["two"u8.ToArray(), "three"u8.ToArray()]);
    }

    [Fact]
    public void Every_log_sync_policy_reports_each_fsync()
    {
        using var dir = new TempDirectory();
        var syncs = 0;
        using (var wal = WriteAheadLog.Open(dir.Path, new WalOptions { SyncPolicy = WalSyncPolicy.EveryLog, Synced = _ => syncs++ }))
        {
            wal.Log("a"u8);
            wal.Log("b"u8);
            Assert.Equal(2, syncs);
        }
    }

    internal static List<byte[]> RandomRecords(Random random, int count)
    {
        var records = new List<byte[]>();
        for (var i = 0; i < count; i++)
        {
            var length = random.Next(10) switch
            {
                0 => random.Next(WalFormat.PageSize, 3 * WalFormat.PageSize),
                1 => 0,
                _ => random.Next(1, 3000),
            };
            var record = new byte[length];

            // Half random, half repetitive, so compression sometimes helps.
            if (random.Next(2) == 0)
            {
                random.NextBytes(record);
            }
            else
            {
                Array.Fill(record, (byte)random.Next(256));
            }

            records.Add(record);
        }

        return records;
    }

    internal static void AssertReadsBack(string directory, IReadOnlyList<byte[]> expected)
    {
        using var reader = WalReader.Open(directory);
        var i = 0;
        while (reader.Next())
        {
            Assert.True(i < expected.Count, "more records than written");
            Assert.Equal(expected[i++], reader.Record.ToArray());
        }

        Assert.Null(reader.Corruption);
        Assert.Equal(expected.Count, i);
    }

    private static void AssertFragment(byte[] segment, int offset, WalFragmentType type, ReadOnlySpan<byte> data)
    {
        Assert.Equal((byte)type, segment[offset]);
        Assert.Equal(data.Length, BinaryPrimitives.ReadUInt16BigEndian(segment.AsSpan(offset + 1)));
        Assert.Equal(Crc32C.Compute(data), BinaryPrimitives.ReadUInt32BigEndian(segment.AsSpan(offset + 3)));
        Assert.True(data.SequenceEqual(segment.AsSpan(offset + WalFormat.RecordHeaderSize, data.Length)));
    }
}
