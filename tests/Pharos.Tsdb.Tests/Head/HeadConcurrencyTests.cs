using System.Globalization;
using Pharos.Storage;
using Xunit;
using static Pharos.Tsdb.Tests.Head.HeadFixtures;

namespace Pharos.Tsdb.Tests.Head;

/// <summary>Appenders, queriers and truncation running at once never expose a torn or misordered sample.</summary>
public class HeadConcurrencyTests
{
    [Fact]
    public async Task Concurrent_appenders_and_queriers_see_only_whole_ordered_samples()
    {
        const int Writers = 4;
        const int SeriesPerWriter = 50;
        const int Batches = 400;
        var head = NewHead();
        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            var refs = new SeriesRef[SeriesPerWriter];
            for (var b = 1; b <= Batches; b++)
            {
                var app = head.CreateAppender();
                for (var s = 0; s < SeriesPerWriter; s++)
                {
                    var labels = L("__name__", "m", "w", w.ToString(CultureInfo.InvariantCulture), "s", s.ToString(CultureInfo.InvariantCulture));
                    var status = app.Append(ref refs[s], labels, b * 1000L, b * 0.5);
                    if (status != AppendStatus.Ok)
                    {
                        failures.Add($"append {status}");
                    }
                }

                app.Commit();
            }
        })).ToArray();

        var readers = Enumerable.Range(0, 3).Select(reader => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var q = head.CreateQuerier(long.MinValue, long.MaxValue);
                var set = q.Select(false, null, Matchers("""__name__="m" """));
                ISampleIterator? it = null;
                while (set.Next())
                {
                    it = set.Current.Iterator(it);
                    long last = 0;
                    while (it.Next() != SampleType.None)
                    {
                        var (t, v) = it.At();
                        if (t != last + 1000 || v != t / 1000 * 0.5)
                        {
                            failures.Add($"{set.Current.Labels}: {t}={v} after {last}");
                        }

                        last = t;
                    }

                    if (it.Error is { } e)
                    {
                        failures.Add(e.Message);
                    }
                }

                Assert.NotNull(q.LabelValues("s", null, Matchers("""w="1" """)).Values);
            }
        })).ToArray();

        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Empty(failures);
        Assert.Equal(Writers * SeriesPerWriter, head.SeriesCount);
        Assert.Equal(Writers * SeriesPerWriter * Batches, head.Metrics.HeadSamplesAppendedTotal);
    }

    [Fact]
    public void Concurrent_creation_of_the_same_series_yields_one_series()
    {
        var head = NewHead();
        var refs = new System.Collections.Concurrent.ConcurrentBag<ulong>();
        Parallel.For(0, 16, i =>
        {
            var app = head.CreateAppender();
            for (var s = 0; s < 200; s++)
            {
                var r = SeriesRef.None;
                app.Append(ref r, L("s", s.ToString(CultureInfo.InvariantCulture)), 1000 + i, 1.0);
                refs.Add(r.Value);
            }

            app.Commit();
        });

        Assert.Equal(200, head.SeriesCount);
        Assert.Equal(200, refs.Distinct().Count());
        Assert.Equal(200, head.Postings.SeriesCount);
    }
}
