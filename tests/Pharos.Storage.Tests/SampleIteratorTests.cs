using static Pharos.Storage.Tests.Fixtures;

namespace Pharos.Storage.Tests;

/// <summary>The chunk-iterator contract, checked on the list iterator and on a chain over split sources.</summary>
public class SampleIteratorTests
{
    private static readonly long[] Timestamps = [10, 20, 30, 40];

    public static TheoryData<string> Kinds => ["list", "chain", "chain-overlapping"];

    private static ISampleIterator Make(string kind)
    {
        SeriesSample[] all = [.. Timestamps.Select(t => SeriesSample.Float(t, t / 10.0))];
        return kind switch
        {
            "list" => new ListSeriesIterator(all),
            "chain" => new ChainSampleIterator([new ListSeriesIterator(all.Where((_, i) => i % 2 == 0).ToArray()), new ListSeriesIterator(all.Where((_, i) => i % 2 == 1).ToArray())]),
            _ => new ChainSampleIterator([new ListSeriesIterator(all[..3]), new ListSeriesIterator(all[1..]), new ListSeriesIterator(all)]),
        };
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Next_returns_every_sample_once_in_order(string kind)
    {
        var it = Make(kind);
        Assert.Equal([(10L, 1.0), (20L, 2.0), (30L, 3.0), (40L, 4.0)], Samples(it));
        Assert.Equal(SampleType.None, it.Next());
        Assert.Null(it.Error);
    }

    [Theory]
    [InlineData("list", 0, 10L)]
    [InlineData("list", 10, 10L)]
    [InlineData("list", 11, 20L)]
    [InlineData("list", 40, 40L)]
    [InlineData("list", 41, null)]
    [InlineData("chain", 0, 10L)]
    [InlineData("chain", 25, 30L)]
    [InlineData("chain", 41, null)]
    [InlineData("chain-overlapping", 15, 20L)]
    [InlineData("chain-overlapping", 40, 40L)]
    public void Seek_before_Next_finds_the_first_sample_at_or_after_the_target(string kind, long target, long? expected)
    {
        var it = Make(kind);
        var type = it.Seek(target);
        if (expected is null)
        {
            Assert.Equal(SampleType.None, type);
            Assert.Equal(SampleType.None, it.Next());
        }
        else
        {
            Assert.Equal(SampleType.Float, type);
            Assert.Equal(expected.Value, it.AtTimestamp());
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Seek_never_moves_backwards(string kind)
    {
        var it = Make(kind);
        Assert.Equal(SampleType.Float, it.Seek(30));
        Assert.Equal(SampleType.Float, it.Seek(10));
        Assert.Equal(30, it.AtTimestamp());
        Assert.Equal(SampleType.Float, it.Seek(30));
        Assert.Equal(30, it.AtTimestamp());
        Assert.Equal(SampleType.Float, it.Next());
        Assert.Equal((40L, 4.0), it.At());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Seek_after_Next_continues_from_the_current_sample(string kind)
    {
        var it = Make(kind);
        it.Next();
        it.Next();
        Assert.Equal(SampleType.Float, it.Seek(15));
        Assert.Equal(20, it.AtTimestamp());
        Assert.Equal(SampleType.Float, it.Seek(21));
        Assert.Equal(30, it.AtTimestamp());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Exhausted_iterator_stays_exhausted(string kind)
    {
        var it = Make(kind);
        Assert.Equal(SampleType.None, it.Seek(1000));
        Assert.Equal(SampleType.None, it.Seek(0));
        Assert.Equal(SampleType.None, it.Next());
    }

    [Fact]
    public void Chain_prefers_the_first_source_on_equal_timestamps()
    {
        var it = new ChainSampleIterator([
            new ListSeriesIterator(new[] { SeriesSample.Float(10, 1), SeriesSample.Float(20, 2) }),
            new ListSeriesIterator(new[] { SeriesSample.Float(10, 100), SeriesSample.Float(15, 150) }),
        ]);
        Assert.Equal([(10L, 1.0), (15L, 150.0), (20L, 2.0)], Samples(it));
    }

    [Fact]
    public void Empty_and_single_sources_are_fine()
    {
        Assert.Empty(Samples(new ChainSampleIterator([])));
        Assert.Empty(Samples(new ListSeriesIterator(ReadOnlyMemory<SeriesSample>.Empty)));
        Assert.Equal([(5L, 0.5)], Samples(new ChainSampleIterator([new ListSeriesIterator(new[] { SeriesSample.Float(5, 0.5) })])));
    }

    [Fact]
    public void Series_iterator_reuse_rewinds_the_passed_iterator()
    {
        var a = ListSeries.FromFloats(L("a", "1"), (1, 1.0), (2, 2.0));
        var b = ListSeries.FromFloats(L("a", "2"), (3, 3.0));
        var it = a.Iterator(null);
        Assert.Equal(2, Samples(it).Count);
        var reused = b.Iterator(it);
        Assert.Same(it, reused);
        Assert.Equal([(3L, 3.0)], Samples(reused));
    }

    [Fact]
    public void Iterating_floats_allocates_nothing_per_sample()
    {
        var samples = Enumerable.Range(0, 10_000).Select(i => SeriesSample.Float(i, i)).ToArray();
        var list = new ListSeriesIterator(samples);
        var chain = new ChainSampleIterator([new ListSeriesIterator(samples), new ListSeriesIterator(samples)]);
        Consume(new ListSeriesIterator(samples));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = Consume(list) + Consume(chain);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(2 * 49_995_000.0, sum);
        Assert.Equal(0, allocated);
    }

    private static double Consume(ISampleIterator it)
    {
        var sum = 0.0;
        while (it.Next() == SampleType.Float)
        {
            sum += it.At().Value;
        }

        return sum;
    }
}
