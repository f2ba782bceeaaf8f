using Pharos.Model;
using static Pharos.Storage.Tests.Fixtures;

namespace Pharos.Storage.Tests;

public class MemoryStorageConcurrencyTests
{
    [Fact]
    public async Task Concurrent_appenders_and_queriers_see_whole_batches_in_order()
    {
        const int Writers = 4;
        const int Batches = 300;
        var storage = new MemoryStorage();
        var name = new Matcher(MatchType.Equal, "__name__", "m");
        var failures = new List<string>();
        using var done = new CancellationTokenSource();

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            // Each batch writes the same timestamp to a pair of series; a reader must never see only one half.
            var left = L("__name__", "m", "w", w.ToString(System.Globalization.CultureInfo.InvariantCulture), "side", "l");
            var right = L("__name__", "m", "w", w.ToString(System.Globalization.CultureInfo.InvariantCulture), "side", "r");
            SeriesRef l = default, r = default;
            for (var t = 1; t <= Batches; t++)
            {
                var app = storage.CreateAppender();
                Assert.Equal(AppendStatus.Ok, app.Append(ref l, left, t, t));
                Assert.Equal(AppendStatus.Ok, app.Append(ref r, right, t, t));
                if (t % 7 == 0)
                {
                    app.Rollback();
                }
                else
                {
                    app.Commit();
                }
            }
        })).ToArray();

        var reader = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                using var q = storage.CreateQuerier(long.MinValue, long.MaxValue);
                var byWriter = new Dictionary<string, List<long>[]>();
                foreach (var (labels, samples) in Drain(q.Select(true, null, name)))
                {
                    var ts = samples.Select(s => s.T).ToList();
                    if (!ts.SequenceEqual(ts.Order()) || ts.Distinct().Count() != ts.Count)
                    {
                        lock (failures)
                        {
                            failures.Add($"unsorted {labels}");
                        }
                    }

                    var pair = byWriter.TryGetValue(labels.Get("w"), out var p) ? p : byWriter[labels.Get("w")] = [[], []];
                    pair[labels.Get("side") == "l" ? 0 : 1] = ts;
                }

                foreach (var (w, pair) in byWriter)
                {
                    if (!pair[0].SequenceEqual(pair[1]))
                    {
                        lock (failures)
                        {
                            failures.Add($"torn batch for writer {w}");
                        }
                    }
                }
            }
        });

        await Task.WhenAll(writers);
        await done.CancelAsync();
        await reader;

        Assert.Empty(failures);
        using var final = storage.CreateQuerier(long.MinValue, long.MaxValue);
        var all = Drain(final.Select(false, null, name));
        Assert.Equal(2 * Writers, all.Count);
        Assert.All(all, s => Assert.Equal(Batches - (Batches / 7), s.Samples.Count));
    }
}
