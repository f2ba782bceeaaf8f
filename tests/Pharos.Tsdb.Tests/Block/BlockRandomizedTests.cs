using Pharos.Model;
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
        var random = new Random(seed);
        var head = new Pharos.Tsdb.Head.Head(new Pharos.Tsdb.Head.HeadOptions { StripeSize = 64 });
        const long T0 = 1_600_000_000_000;
        var app = head.CreateAppender();
        for (var s = 0; s < 2000; s++)
        {
            var pairs = new List<string> { "__name__", "metric_" + random.Next(20) };
            for (var l = random.Next(0, 5); l > 0; l--)
            {
                pairs.Add("label_" + random.Next(10));
                pairs.Add(random.Next(3) == 0 ? new string('v', random.Next(1, 300)) : "value_" + random.Next(1000));
            }

            Labels labels;
            try
            {
                labels = Labels.FromStrings([.. pairs]);
            }
            catch (ArgumentException)
            {
                continue; // A repeated label name.
            }

            var t = T0 + random.Next(0, 100_000);
            var reference = SeriesRef.None;
            for (var i = random.Next(1, 400); i > 0; i--)
            {
                app.Append(ref reference, labels, t, random.Next(4) == 0 ? random.NextDouble() * 1e9 : random.Next(100));
                t += random.Next(1, 60_000);
            }
        }

        app.Commit();
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
