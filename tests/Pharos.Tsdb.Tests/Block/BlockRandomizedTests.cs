using Pharos.Storage;
using Pharos.Tsdb.Block;
using Xunit;

namespace Pharos.Tsdb.Tests.Block;

public class BlockRandomizedTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    public void Many_random_series_round_trip_through_a_block(int seed)
    {
        const long T0 = BlockFixtures.RandomT0;
        var head = BlockFixtures.NewRandomHead(seed);
        using var dir = new TempDirectory();
        var mint = T0 + 3_600_000;
        var maxt = mint + 7_200_000;
        var meta = BlockWriter.Write(head, dir.Path, mint, maxt)!;
        using var block = Pharos.Tsdb.Block.Block.Open(dir.Combine(meta.Ulid));

        var expected = BlockFixtures.ReadAll(head, mint, maxt - 1);
        var actual = BlockFixtures.ReadAll(block, mint, maxt - 1);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Labels, actual[i].Labels);
            Assert.Equal(expected[i].Samples, actual[i].Samples);
        }

        Assert.Equal((ulong)expected.Count, meta.Stats.NumSeries);
        Assert.Equal((ulong)expected.Sum(s => s.Samples.Count), meta.Stats.NumSamples);
        using var bq = block.CreateQuerier(mint, maxt - 1);
        var names = expected.Select(s => s.Labels.MetricName).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(names, bq.LabelValues("__name__", null, []).Values);
    }
}
