using Pharos.Tsdb.Head;
using Xunit;
using static Pharos.Tsdb.Tests.Head.HeadFixtures;

namespace Pharos.Tsdb.Tests.Head;

/// <summary>Chunks are cut where Prometheus cuts them, so blocks we write have upstream's chunk layout.</summary>
public class HeadChunkCuttingTests
{
    private const long Hour = 3_600_000;

    private static List<(long MinTimeMs, long MaxTimeMs, int Samples)> Chunks(Pharos.Tsdb.Head.Head head, string name)
    {
        var s = head.Find(L("__name__", name))!;
        lock (s.Lock)
        {
            return s.ChunkRanges();
        }
    }

    private static Pharos.Tsdb.Head.Head Fill(IEnumerable<long> timestamps, Func<long, double>? value = null, HeadOptions? options = null)
    {
        var head = NewHead(options);
        var app = head.CreateAppender();
        var r = Pharos.Storage.SeriesRef.None;
        foreach (var t in timestamps)
        {
            Assert.Equal(Pharos.Storage.AppendStatus.Ok, app.Append(ref r, L("__name__", "m"), t, value?.Invoke(t) ?? 1.0));
        }

        app.Commit();
        return head;
    }

    [Theory]
    [InlineData(15_000, 120)]
    [InlineData(30_000, 120)]
    [InlineData(10_000, 120)]
    [InlineData(60_000, 120)]
    public void A_steady_scrape_fills_a_two_hour_range_with_equal_chunks(long intervalMs, int expectedPerChunk)
    {
        var count = (int)(2 * Hour / intervalMs);
        var head = Fill(Enumerable.Range(0, count).Select(i => i * intervalMs));
        var chunks = Chunks(head, "m");
        Assert.All(chunks, c => Assert.Equal(expectedPerChunk, c.Samples));
        Assert.Equal(count, chunks.Sum(c => c.Samples));
    }

    [Fact]
    public void A_chunk_never_straddles_the_chunk_range_boundary()
    {
        var head = Fill([2 * Hour - 2000, 2 * Hour - 1000, 2 * Hour, 2 * Hour + 1000]);
        Assert.Equal([(2 * Hour - 2000, 2 * Hour - 1000, 2), (2 * Hour, 2 * Hour + 1000, 2)], Chunks(head, "m"));
    }

    [Fact]
    public void A_sparse_series_is_cut_only_at_the_range_boundary()
    {
        // One sample every 10 minutes never reaches a quarter chunk, so the range end is the only cut.
        var head = Fill(Enumerable.Range(0, 24).Select(i => i * 600_000L));
        Assert.Equal([(0, 6_600_000, 12), (7_200_000, 13_800_000, 12)], Chunks(head, "m"));
    }

    [Fact]
    public void A_rate_increase_cuts_at_twice_the_target_size()
    {
        // 30 slow samples predict one chunk for the whole range; the fast ones that follow hit the 240 cap.
        var slow = Enumerable.Range(0, 30).Select(i => i * 60_000L);
        var fast = Enumerable.Range(1, 400).Select(i => (29 * 60_000L) + i);
        var chunks = Chunks(Fill(slow.Concat(fast)), "m");
        Assert.Equal(240, chunks[0].Samples);
        Assert.Equal(430, chunks.Sum(c => c.Samples));
    }

    [Fact]
    public void Incompressible_values_cut_a_chunk_before_it_exceeds_one_kibibyte()
    {
        var random = new Random(42);
        // A large target size takes the time-based cut out of play, so only the size cap can cut.
        var options = new HeadOptions { SamplesPerChunk = 1000 };
        var head = Fill(Enumerable.Range(0, 1000).Select(i => (long)i), _ => random.NextDouble(), options);
        var chunks = Chunks(head, "m");
        Assert.True(chunks.Count > 5);
        Assert.All(chunks.SkipLast(1), c => Assert.InRange(c.Samples, 100, 200));
        Assert.Equal(1000, Read(head, L("__name__", "m")).Count);
    }

    [Theory]
    [InlineData(0, 435_000, 7_200_000, 1_800_000)]
    [InlineData(1_800_000, 2_235_000, 7_200_000, 3_600_000)]
    [InlineData(0, 1_740_000, 7_200_000, 7_200_000)]
    [InlineData(0, 29, 7_200_000, 120)]
    public void The_chunk_end_estimate_splits_the_rest_of_the_range_evenly(long start, long current, long max, long expected) =>
        Assert.Equal(expected, MemSeries.ComputeChunkEndTime(start, current, max, 4));

    [Theory]
    [InlineData(0, 7_200_000)]
    [InlineData(7_199_999, 7_200_000)]
    [InlineData(7_200_000, 14_400_000)]
    public void The_range_end_is_the_next_aligned_boundary(long t, long expected) =>
        Assert.Equal(expected, MemSeries.RangeEnd(t, HeadOptions.DefaultChunkRangeMs));

    [Fact]
    public void The_head_counts_created_chunks()
    {
        var head = Fill(Enumerable.Range(0, 480).Select(i => i * 15_000L));
        Assert.Equal(4, head.Metrics.HeadChunks);
        Assert.Equal(4, head.Metrics.HeadChunksCreatedTotal);
    }
}
