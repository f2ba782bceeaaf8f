using Pharos.Model;
using Pharos.Storage;
using Pharos.Tsdb.Head;
using Xunit;
using MatchType = Pharos.Model.MatchType;

namespace Pharos.Tsdb.Tests.Block;

/// <summary>A head with known data and helpers to read every sample back.</summary>
internal static class BlockFixtures
{
    /// <summary>2023-11-14T22:13:20Z, a multiple of neither 2 h nor 15 s on purpose.</summary>
    public const long T0 = 1_700_000_000_000;

    public const long StepMs = 15_000;

    public static Labels[] SeriesLabels { get; } =
    [
        Labels.FromStrings("__name__", "http_requests_total", "code", "200", "job", "api"),
        Labels.FromStrings("__name__", "http_requests_total", "code", "500", "job", "api"),
        Labels.FromStrings("__name__", "up", "instance", "localhost:9090", "job", "prometheus"),
        Labels.FromStrings("__name__", "temperature_celsius", "room", "kitchen ☕"),
    ];

    /// <summary>The value of series <paramref name="series"/> at step <paramref name="step"/>.</summary>
    public static double Value(int series, int step) => series switch
    {
        0 => step * 3,
        1 => step / 7,
        2 => 1,
        _ => 20.5 + (Math.Sin(step / 10.0) * 3.25),
    };

    /// <summary>A head holding <paramref name="steps"/> samples per series from <see cref="T0"/>; series 3 starts late.</summary>
    public static Pharos.Tsdb.Head.Head NewHead(int steps)
    {
        var head = new Pharos.Tsdb.Head.Head(new HeadOptions { StripeSize = 64 });
        var app = head.CreateAppender();
        for (var step = 0; step < steps; step++)
        {
            for (var s = 0; s < SeriesLabels.Length; s++)
            {
                if (s == 3 && step < 100)
                {
                    continue;
                }

                var reference = SeriesRef.None;
                Assert.Equal(AppendStatus.Ok, app.Append(ref reference, SeriesLabels[s], T0 + (step * StepMs), Value(s, step)));
            }
        }

        app.Commit();
        return head;
    }

    /// <summary>Every series and sample of <paramref name="queryable"/> in the range, series sorted.</summary>
    public static List<(Labels Labels, List<(long T, double V)> Samples)> ReadAll(Pharos.Storage.IQueryable queryable, long mint, long maxt)
    {
        using var q = queryable.CreateQuerier(mint, maxt);
        var set = q.Select(true, null, [new Matcher(MatchType.Regex, "__name__", ".+")]);
        var result = new List<(Labels, List<(long, double)>)>();
        ISampleIterator? it = null;
        while (set.Next())
        {
            it = set.Current.Iterator(it);
            var samples = new List<(long, double)>();
            while (it.Next() != SampleType.None)
            {
                samples.Add(it.At());
            }

            Assert.Null(it.Error);
            result.Add((set.Current.Labels, samples));
        }

        Assert.Null(set.Error);
        return result;
    }

    /// <summary>The earliest timestamp of <see cref="NewRandomHead"/>.</summary>
    public const long RandomT0 = 1_600_000_000_000;

    /// <summary>A head of about 2000 random series (names, label counts, long values, gaps) from a fixed seed.</summary>
    public static Pharos.Tsdb.Head.Head NewRandomHead(int seed)
    {
        var random = new Random(seed);
        var head = new Pharos.Tsdb.Head.Head(new Pharos.Tsdb.Head.HeadOptions { StripeSize = 64 });
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

            var t = RandomT0 + random.Next(0, 100_000);
            var reference = SeriesRef.None;
            for (var i = random.Next(1, 400); i > 0; i--)
            {
                app.Append(ref reference, labels, t, random.Next(4) == 0 ? random.NextDouble() * 1e9 : random.Next(100));
                t += random.Next(1, 60_000);
            }
        }

        app.Commit();
        return head;
    }
}
