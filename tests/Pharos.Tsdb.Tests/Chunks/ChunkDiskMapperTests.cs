using System.Buffers.Binary;
using Pharos.Tsdb.Binary;
using Pharos.Tsdb.Chunks;
using Xunit;

namespace Pharos.Tsdb.Tests.Chunks;

public class ChunkDiskMapperTests
{
    [Fact]
    public void Head_chunk_record_has_series_ref_times_encoding_length_data_and_checksum()
    {
        using var dir = new TempDirectory();
        var chunk = XorChunkTests.Build([(1000, 1.0), (2000, 2.0), (3000, 3.0)]);
        ChunkDiskMapperRef reference;
        using (var mapper = ChunkDiskMapper.Open(dir.Path))
        {
            reference = mapper.WriteChunk(seriesRef: 7, minTimeMs: 1000, maxTimeMs: 3000, chunk);
        }

        Assert.Equal(ChunkDiskMapperRef.Create(1, 8), reference);
        var bytes = File.ReadAllBytes(dir.Combine("000001"));
        Assert.Equal(Convert.FromHexString("0130BC9101000000"), bytes[..8]);
        var record = bytes.AsSpan(8);
        Assert.Equal(7UL, BinaryPrimitives.ReadUInt64BigEndian(record));
        Assert.Equal(1000L, BinaryPrimitives.ReadInt64BigEndian(record[8..]));
        Assert.Equal(3000L, BinaryPrimitives.ReadInt64BigEndian(record[16..]));
        Assert.Equal(1, record[24]);
        Assert.Equal(19, record[25]);
        Assert.Equal(chunk.Bytes.ToArray(), record[26..45].ToArray());
        Assert.Equal(Crc32C.Compute(record[..45]), BinaryPrimitives.ReadUInt32BigEndian(record[45..]));
        Assert.Equal(49, record.Length);
    }

    [Fact]
    public void Chunks_are_readable_before_and_after_reopening_and_writes_resume_in_a_new_file()
    {
        using var dir = new TempDirectory();
        var chunks = Enumerable.Range(0, 30)
            .Select(i => XorChunkTests.Build(Enumerable.Range(0, 20).Select(j => ((long)(i * 100) + j, (double)(i * j))).ToArray()))
            .ToArray();
        var refs = new List<ChunkDiskMapperRef>();
        using (var mapper = ChunkDiskMapper.Open(dir.Path, maxFileSizeBytes: 1024))
        {
            for (var i = 0; i < chunks.Length; i++)
            {
                refs.Add(mapper.WriteChunk((ulong)i + 1, i * 100, (i * 100) + 19, chunks[i], isOutOfOrder: i % 5 == 0));
                Assert.Equal(chunks[i].Bytes.ToArray(), mapper.ReadChunk(refs[^1]).Bytes.ToArray());
            }
        }

        using var reopened = ChunkDiskMapper.Open(dir.Path, maxFileSizeBytes: 1024);
        var seen = new List<(ulong Series, ChunkDiskMapperRef Ref, long Min, long Max, int Count, bool Ooo)>();
        reopened.IterateAllChunks((series, reference, min, max, count, encoding, ooo) =>
        {
            Assert.Equal(ChunkEncoding.Xor, encoding);
            seen.Add((series, reference, min, max, count, ooo));
        });
        Assert.Equal(30, seen.Count);
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(((ulong)i + 1, refs[i], i * 100L, (i * 100L) + 19, 20, i % 5 == 0), seen[i]);
            Assert.Equal(chunks[i].Bytes.ToArray(), reopened.ReadChunk(refs[i]).Bytes.ToArray());
        }

        var lastSequence = reopened.FileSequences[^1];
        var next = reopened.WriteChunk(99, 0, 1, chunks[0]);
        Assert.Equal(lastSequence + 1, next.Sequence);
    }

    [Fact]
    public void Empty_last_file_left_by_a_crash_is_removed_on_open()
    {
        using var dir = new TempDirectory();
        using (var mapper = ChunkDiskMapper.Open(dir.Path))
        {
            mapper.WriteChunk(1, 0, 1, XorChunkTests.Build([(0, 1), (1, 2)]));
        }

        File.WriteAllBytes(dir.Combine("000002"), [0, 0, 0, 0, 0, 0, 0, 0]);
        File.WriteAllBytes(dir.Combine("000003"), []);
        File.Delete(dir.Combine("000002"));
        File.Move(dir.Combine("000003"), dir.Combine("000002"));
        using var reopened = ChunkDiskMapper.Open(dir.Path);
        Assert.Equal([1], reopened.FileSequences);
    }

    [Fact]
    public void Zero_padding_after_the_last_chunk_ends_iteration_like_preallocated_space()
    {
        using var dir = new TempDirectory();
        using (var mapper = ChunkDiskMapper.Open(dir.Path))
        {
            mapper.WriteChunk(1, 0, 1, XorChunkTests.Build([(0, 1), (1, 2)]));
        }

        using (var stream = new FileStream(dir.Combine("000001"), FileMode.Append))
        {
            stream.Write(new byte[128 * 1024]);
        }

        using var reopened = ChunkDiskMapper.Open(dir.Path);
        var count = 0;
        reopened.IterateAllChunks((_, _, _, _, _, _, _) => count++);
        Assert.Equal(1, count);
    }

    public static TheoryData<int> TornOffsets => [8, 20, 30, 40, 44];

    [Theory]
    [MemberData(nameof(TornOffsets))]
    public void Torn_tail_is_reported_at_the_last_chunk_and_repair_keeps_everything_before_it(int bytesOfLastChunk)
    {
        using var dir = new TempDirectory();
        var chunk = XorChunkTests.Build([(0, 1), (1, 2), (2, 3)]);
        ChunkDiskMapperRef last;
        using (var mapper = ChunkDiskMapper.Open(dir.Path))
        {
            mapper.WriteChunk(1, 0, 2, chunk);
            mapper.WriteChunk(2, 0, 2, chunk);
            last = mapper.WriteChunk(3, 0, 2, chunk);
        }

        var path = dir.Combine("000001");
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(last.Offset + bytesOfLastChunk);
        }

        using var reopened = ChunkDiskMapper.Open(dir.Path);
        var corruption = Assert.Throws<HeadChunkCorruptionException>(() => reopened.IterateAllChunks((_, _, _, _, _, _, _) => { }));
        Assert.Equal(1, corruption.Sequence);
        Assert.Equal(last.Offset, corruption.Offset);
        Assert.Equal(bytesOfLastChunk, reopened.Repair(corruption));

        var series = new List<ulong>();
        reopened.IterateAllChunks((s, _, _, _, _, _, _) => series.Add(s));
        Assert.Equal([1UL, 2UL], series);
        Assert.Equal(2, reopened.WriteChunk(4, 0, 2, chunk).Sequence);
    }

    [Fact]
    public void Torn_tail_of_only_zero_bytes_is_indistinguishable_from_padding_and_ignored()
    {
        // The first bytes of a big-endian series reference are zeros; upstream reads them as the end of the data too.
        using var dir = new TempDirectory();
        var chunk = XorChunkTests.Build([(0, 1), (1, 2), (2, 3)]);
        ChunkDiskMapperRef last;
        using (var mapper = ChunkDiskMapper.Open(dir.Path))
        {
            mapper.WriteChunk(1, 0, 2, chunk);
            last = mapper.WriteChunk(3, 0, 2, chunk);
        }

        using (var stream = new FileStream(dir.Combine("000001"), FileMode.Open))
        {
            stream.SetLength(last.Offset + 5);
        }

        using var reopened = ChunkDiskMapper.Open(dir.Path);
        var count = 0;
        reopened.IterateAllChunks((_, _, _, _, _, _, _) => count++);
        Assert.Equal(1, count);
    }

    [Fact]
    public void Flipped_bit_is_reported_at_its_chunk_and_repair_drops_later_files()
    {
        using var dir = new TempDirectory();
        var chunk = XorChunkTests.Build([(0, 1), (1, 2), (2, 3)]);
        var refs = new List<ChunkDiskMapperRef>();
        using (var mapper = ChunkDiskMapper.Open(dir.Path, maxFileSizeBytes: 120))
        {
            for (var i = 1; i <= 6; i++)
            {
                refs.Add(mapper.WriteChunk((ulong)i, 0, 2, chunk));
            }
        }

        var victim = refs[2];
        var path = dir.Combine(ChunkSegmentFormat.FileName(victim.Sequence));
        var bytes = File.ReadAllBytes(path);
        bytes[victim.Offset + 30] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        using var reopened = ChunkDiskMapper.Open(dir.Path, maxFileSizeBytes: 120);
        var corruption = Assert.Throws<HeadChunkCorruptionException>(() => reopened.IterateAllChunks((_, _, _, _, _, _, _) => { }));
        Assert.Equal(victim.Sequence, corruption.Sequence);
        Assert.Equal(victim.Offset, corruption.Offset);
        Assert.Contains("checksum", corruption.Message, StringComparison.Ordinal);
        reopened.Repair(corruption);
        Assert.All(reopened.FileSequences, s => Assert.True(s <= victim.Sequence));
        var series = new List<ulong>();
        reopened.IterateAllChunks((s, _, _, _, _, _, _) => series.Add(s));
        Assert.Equal(refs.TakeWhile(r => r != victim).Select((_, i) => (ulong)i + 1), series);
    }

    [Fact]
    public void Truncate_deletes_older_files_but_keeps_the_open_one()
    {
        using var dir = new TempDirectory();
        using var mapper = ChunkDiskMapper.Open(dir.Path, maxFileSizeBytes: 120);
        var chunk = XorChunkTests.Build([(0, 1), (1, 2), (2, 3)]);
        for (var i = 1; i <= 6; i++)
        {
            mapper.WriteChunk((ulong)i, 0, 2, chunk);
        }

        var sequences = mapper.FileSequences;
        mapper.Truncate(sequences[^1] + 10);
        Assert.Equal([sequences[^1]], mapper.FileSequences);
        Assert.Equal(sequences[^1] + 1, mapper.WriteChunk(9, 0, 2, chunk).Sequence);
    }
}
