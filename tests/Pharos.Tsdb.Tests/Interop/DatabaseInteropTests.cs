using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Pharos.Storage;
using Pharos.Testing;
using Pharos.Testing.Peers;
using Pharos.Tsdb.Db;
using Pharos.Tsdb.Tests.Db;
using Xunit;
using Xunit.Abstractions;
using static Pharos.Tsdb.Tests.Head.HeadFixtures;

namespace Pharos.Tsdb.Tests.Interop;

/// <summary>
/// Whole data directories both ways with Debian's Prometheus 2.42: we open what <c>promtool</c> backfills and what a
/// scraping <c>prometheus</c> leaves behind, and <c>promtool</c> and <c>prometheus</c> read what our database writes
/// (blocks from compaction, tombstones, WAL).
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public class DatabaseInteropTests(ITestOutputHelper output)
{
    private const long Hour = 3_600_000;

    // A multiple of 6h, so the first three 2h blocks fill one 6h range and level compaction merges them.
    private const long Aligned = 1_700_006_400_000;

    [Fact]
    public void Directory_backfilled_by_promtool_reads_back_exactly_as_the_openmetrics_input_and_its_dump()
    {
        using var dir = new TempDirectory();
        var input = dir.Combine("input.om");
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        var random = new Random(42);
        using (var writer = new StreamWriter(input))
        {
            writer.Write("# HELP backfill_gauge A test gauge.\n# TYPE backfill_gauge gauge\n");

            // Five hours at 30 s over 20 series: several 2h blocks, which the database merges for a query.
            for (var i = 0; i < 600; i++)
            {
                var seconds = 1_700_000_000L + (i * 30);
                for (var s = 0; s < 20; s++)
                {
                    var value = random.Next(3) == 0 ? random.NextDouble() * 1e6 : random.Next(1000);
                    var labels = $"instance=\"host-{s}\",job=\"j{s % 3}\"";
                    writer.Write($"backfill_gauge{{{labels}}} {value.ToString("R", CultureInfo.InvariantCulture)} {seconds}\n");
                    expected.Add($"{{__name__=\"backfill_gauge\", instance=\"host-{s}\", job=\"j{s % 3}\"}} {value.ToString("R", CultureInfo.InvariantCulture)} {seconds * 1000}");
                }
            }

            writer.Write("# EOF\n");
        }

        var data = dir.Combine("data");
        Promtool.Run("tsdb", "create-blocks-from", "openmetrics", input, data);
        Directory.CreateDirectory(Path.Combine(data, "wal")); // promtool's dump opens a whole database, WAL included
        using var db = TsdbDatabase.OpenReadOnly(data);
        output.WriteLine($"{db.Blocks().Count} blocks from promtool");
        Assert.True(db.Blocks().Count >= 3);
        var ours = Promtool.Lines(DbFixtures.Dump(db));
        Assert.Equal(expected, ours);
        Assert.Equal(Promtool.Dump(data), ours);
    }

    [Fact]
    public async Task Data_directory_of_a_scraping_prometheus_reads_back_exactly_as_promtool_dumps_it()
    {
        var port = FreePort.Next();
        var process = PeerProcess.Start(
            PrometheusPeer.Binary,
            dir =>
            {
                var config = Path.Combine(dir, "prometheus.yml");
                File.WriteAllText(config, $"global:\n  scrape_interval: 100ms\n  scrape_timeout: 100ms\nscrape_configs:\n  - job_name: self\n    static_configs:\n      - targets: [\"127.0.0.1:{port}\"]\n");
                return [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir, "data")}", $"--web.listen-address=127.0.0.1:{port}"];
            },
            name: "prometheus");
        using var _ = process;
        await process.WaitForHttpOkAsync(new Uri($"http://127.0.0.1:{port}/-/ready"), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(6));
        await StopAsync(process);

        var data = Path.Combine(process.WorkingDirectory, "data");
        using var db = TsdbDatabase.OpenReadOnly(data);
        var ours = Promtool.Lines(DbFixtures.Dump(db));
        output.WriteLine($"{db.Head.SeriesCount} series, {ours.Count} samples from the WAL of a real prometheus");
        Assert.True(db.Head.SeriesCount > 100, $"only {db.Head.SeriesCount} series");
        Assert.Equal(Promtool.Dump(data), ours);
    }

    [Fact]
    public void Promtool_lists_analyzes_and_dumps_exactly_what_our_database_holds()
    {
        using var dir = new TempDirectory();
        var oracle = new MemoryStorage();
        using (var db = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions))
        {
            FillRandom(db, oracle, Aligned, 10 * Hour, seed: 3);
            db.RunMaintenance();
            db.Delete(Matchers("""__name__="r1" """), Aligned + Hour, Aligned + (2 * Hour));
            Assert.Contains(db.Blocks(), b => b.Compaction.Level == 2);
        }

        using var reopened = TsdbDatabase.OpenReadOnly(dir.Path);
        var ours = Promtool.Lines(DbFixtures.Dump(reopened));
        var list = Promtool.Run("tsdb", "list", "-r", dir.Path);
        foreach (var meta in reopened.Blocks())
        {
            Assert.Contains(meta.Ulid, list, StringComparison.Ordinal);
        }

        Assert.Contains(reopened.Blocks()[0].Ulid, Promtool.Run("tsdb", "analyze", dir.Path, reopened.Blocks()[0].Ulid), StringComparison.Ordinal);
        Assert.Equal(ours, Promtool.Dump(dir.Path));
        Assert.DoesNotContain(ours, l => l.StartsWith("{__name__=\"r1\"", StringComparison.Ordinal) && InRange(l, Aligned + Hour, Aligned + (2 * Hour)));
    }

    [Fact]
    public async Task Prometheus_serves_every_sample_of_a_directory_our_database_wrote()
    {
        using var dir = new TempDirectory();
        var oracle = new MemoryStorage();

        // Recent data, so Prometheus's own retention and head window keep all of it: blocks and a WAL-only head.
        var start = ((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / Hour) - 9) * Hour;
        var data = dir.Combine("data");
        using (var db = TsdbDatabase.Open(data, DbFixtures.SmallOptions))
        {
            FillRandom(db, oracle, start, 8 * Hour, seed: 5);
            db.RunMaintenance();
            Assert.NotEmpty(db.Blocks());
        }

        var expected = DbFixtures.Dump(oracle);
        var port = FreePort.Next();
        var process = PeerProcess.Start(
            PrometheusPeer.Binary,
            work =>
            {
                var config = Path.Combine(work, "prometheus.yml");
                File.WriteAllText(config, "global:\n  scrape_interval: 1m\n");
                return [$"--config.file={config}", $"--storage.tsdb.path={data}", $"--web.listen-address=127.0.0.1:{port}"];
            },
            name: "prometheus");
        using var _ = process;
        await process.WaitForHttpOkAsync(new Uri($"http://127.0.0.1:{port}/-/ready"), TimeSpan.FromSeconds(60));
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var at = (start + (8 * Hour)) / 1000.0;
        using var response = await http.GetAsync($"api/v1/query?query={Uri.EscapeDataString("{__name__=~\"r.*\"}[9h]")}&time={at.ToString("R", CultureInfo.InvariantCulture)}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var served = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var series in JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var labels = series.GetProperty("metric").EnumerateObject().Select(p => (p.Name, Value: p.Value.GetString()!)).OrderBy(p => p.Name, StringComparer.Ordinal);
            var text = "{" + string.Join(", ", labels.Select(p => $"{p.Name}=\"{p.Value}\"")) + "}";
            foreach (var point in series.GetProperty("values").EnumerateArray())
            {
                var t = (long)Math.Round(point[0].GetDouble() * 1000);
                var v = double.Parse(point[1].GetString()!, CultureInfo.InvariantCulture);
                served.Add($"{text} {v.ToString("R", CultureInfo.InvariantCulture)} {t.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        output.WriteLine($"prometheus served {served.Count} samples");
        Assert.Equal(Promtool.Lines(expected), served);
    }

    /// <summary>Random walks for 30 series at 15 s with occasional gaps, committed per timestamp.</summary>
    private static void FillRandom(IAppendable db, MemoryStorage oracle, long start, long span, int seed)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, 30).Select(i => L("__name__", $"r{i % 4}", "i", i.ToString(CultureInfo.InvariantCulture))).ToArray();
        var values = new double[labels.Length];
        for (var t = start; t < start + span; t += 15_000)
        {
            var app = db.CreateAppender();
            var oracleApp = oracle.CreateAppender();
            for (var i = 0; i < labels.Length; i++)
            {
                if (random.Next(20) == 0)
                {
                    continue;
                }

                values[i] += random.Next(4) == 0 ? random.NextDouble() : random.Next(100);
                var r = SeriesRef.None;
                Assert.Equal(AppendStatus.Ok, app.Append(ref r, labels[i], t, values[i]));
                var o = SeriesRef.None;
                oracleApp.Append(ref o, labels[i], t, values[i]);
            }

            app.Commit();
            oracleApp.Commit();
        }
    }

    private static bool InRange(string line, long min, long max)
    {
        var t = long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        return t >= min && t <= max;
    }

    private static async Task StopAsync(PeerProcess process)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            await kill!.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        var clock = Stopwatch.StartNew();
        while (!process.HasExited)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), process.Describe("did not stop within 30 s of SIGTERM"));
            await Task.Delay(100);
        }
    }
}
