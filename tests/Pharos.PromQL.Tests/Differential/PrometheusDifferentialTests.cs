using System.Diagnostics;
using System.Globalization;
using Pharos.PromQL.Engine;
using Pharos.PromQL.Tests.Parser;
using Pharos.Storage;
using Pharos.Testing;
using Pharos.Testing.Peers;
using Xunit;
using Xunit.Abstractions;

namespace Pharos.PromQL.Tests.Differential;

/// <summary>
/// Differential test against a real Prometheus: the same generated samples go into Prometheus (as TSDB blocks made by
/// <c>promtool tsdb create-blocks-from openmetrics</c>) and into <see cref="MemoryStorage"/>, then every query of
/// <see cref="DifferentialQueries"/> and of the seed documents runs as instant queries at several times and as a range
/// query on both. Results must agree: same series, values within a relative 1e-9, NaN equal to NaN, and failing on
/// both sides or neither. The few real divergences are listed with their reason in <c>KnownDivergences.txt</c>.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class PrometheusDifferentialTests(ITestOutputHelper output)
{
    private const string Promtool = "/usr/bin/promtool";

    /// <summary>Query times are a quarter past a whole second, where no sample and no subquery step lies.</summary>
    private static readonly long[] InstantTimesMs =
    [
        DifferentialData.BaseMs + 2_700_250, DifferentialData.BaseMs + 5_400_250, DifferentialData.BaseMs + 8_100_250,
        DifferentialData.EndMs + 250, DifferentialData.EndMs + 1_200_250,
    ];

    private static readonly (long StartMs, long EndMs, long StepMs)[] RangeQueries =
    [
        (DifferentialData.BaseMs + 1_200_250, DifferentialData.EndMs + 600_250, 60_000),
        (DifferentialData.BaseMs + 6_000_250, DifferentialData.BaseMs + 7_800_250, 37_000),
    ];

    // Prometheus 2.42 and upstream's default both remove the metric name per operation.
    private static readonly EngineOptions Options = new() { EnableDelayedNameRemoval = false };

    [Fact]
    public async Task Pharos_and_Prometheus_agree_on_generated_and_seed_queries()
    {
        var data = DifferentialData.Generate();
        var storage = new MemoryStorage();
        foreach (var series in data.AllSeries)
        {
            storage.Load(series.Labels, series.Samples);
        }

        var port = FreePort.Next();
        await using var prometheus = await StartPrometheusAsync(data, port);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        using var engine = new PromQLEngine(Options);

        // The import itself must be complete before any query result can mean anything.
        foreach (var name in data.AllSeries.GroupBy(s => s.Labels.MetricName))
        {
            var count = ComparableResult.FromPrometheus(await GetAsync(http, InstantUrl($"sum(count_over_time({name.Key}[4h]))", DifferentialData.EndMs + 1_000)));
            Assert.Equal(name.Sum(s => s.Samples.Count).ToString(CultureInfo.InvariantCulture), count.Error ?? count.Series.Values.Single()[0].Value);
        }

        var queries = DifferentialQueries.All().Concat(((IEnumerable<object[]>)SeedExpressionTests.SeedExpressions).Select(row => (string)row[0])).Distinct(StringComparer.Ordinal).ToList();
        var known = KnownDivergences();
        var divergences = new List<string>();
        var diverged = new HashSet<string>(StringComparer.Ordinal);
        int comparisons = 0, failedOnBoth = 0, withData = 0;
        foreach (var query in queries)
        {
            foreach (var timeMs in InstantTimesMs)
            {
                var expected = ComparableResult.FromPrometheus(await GetAsync(http, InstantUrl(query, timeMs)));
                var actual = ComparableResult.FromPharos(() => engine.InstantQuery(storage, query, timeMs));
                Record(query, $"instant at {timeMs}", expected, actual);
            }

            foreach (var (startMs, endMs, stepMs) in RangeQueries)
            {
                var url = $"api/v1/query_range?query={Uri.EscapeDataString(query)}&start={Seconds(startMs)}&end={Seconds(endMs)}&step={Seconds(stepMs)}";
                var expected = ComparableResult.FromPrometheus(await GetAsync(http, url));
                var actual = ComparableResult.FromPharos(() => engine.RangeQuery(storage, query, startMs, endMs, stepMs));
                Record(query, $"range {startMs}..{endMs} step {stepMs}", expected, actual);
            }
        }

        output.WriteLine($"{queries.Count} queries, {comparisons} comparisons ({withData} with data, {failedOnBoth} failing on both sides), {diverged.Count} queries diverge, {known.Count} known");
        foreach (var d in divergences)
        {
            output.WriteLine(d);
        }

        Assert.True(queries.Count >= 300, $"only {queries.Count} queries");
        Assert.True(withData > comparisons * 3 / 4, $"only {withData} of {comparisons} comparisons have data");
        Assert.DoesNotContain(divergences, d => !known.Contains(d.Split('\t')[0]));
        Assert.DoesNotContain(known, q => !diverged.Contains(q));

        void Record(string query, string how, ComparableResult expected, ComparableResult actual)
        {
            comparisons++;
            failedOnBoth += expected.Error is not null && actual.Error is not null ? 1 : 0;
            withData += expected.Series.Count > 0 ? 1 : 0;
            if (expected.Difference(actual) is { } difference)
            {
                diverged.Add(query);
                divergences.Add($"{query}\t{how}: {difference}");
            }
        }
    }

    /// <summary>Queries listed in <c>KnownDivergences.txt</c>: one per line, after <c>#</c> lines giving the reason.</summary>
    private static HashSet<string> KnownDivergences()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Differential", "KnownDivergences.txt");
        return File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<PeerProcess> StartPrometheusAsync(DifferentialData data, int port)
    {
        var process = PeerProcess.Start(
            PrometheusPeer.Binary,
            dir =>
            {
                var openMetrics = Path.Combine(dir, "data.om");
                using (var writer = new StreamWriter(openMetrics))
                {
                    data.WriteOpenMetrics(writer);
                }

                CreateBlocks(openMetrics, Path.Combine(dir, "data"));
                var config = Path.Combine(dir, "prometheus.yml");
                File.WriteAllText(config, "global:\n  scrape_interval: 15s\n");
                return
                [
                    $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir, "data")}", "--storage.tsdb.retention.time=100y",
                    $"--web.listen-address=127.0.0.1:{port}",
                ];
            },
            name: "prometheus");
        try
        {
            await process.WaitForHttpOkAsync(new Uri($"http://127.0.0.1:{port}/-/ready"), TimeSpan.FromSeconds(60));
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private static void CreateBlocks(string openMetrics, string dataDir)
    {
        using var promtool = Process.Start(new ProcessStartInfo(Promtool, ["tsdb", "create-blocks-from", "openmetrics", openMetrics, dataDir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("promtool did not start");
        var stderr = promtool.StandardError.ReadToEndAsync();
        var stdout = promtool.StandardOutput.ReadToEnd();
        promtool.WaitForExit();
        if (promtool.ExitCode != 0)
        {
            throw new InvalidOperationException($"promtool exited with {promtool.ExitCode}: {stdout} {stderr.Result}");
        }
    }

    private static string InstantUrl(string query, long timeMs) => $"api/v1/query?query={Uri.EscapeDataString(query)}&time={Seconds(timeMs)}";

    private static string Seconds(long ms) => (ms / 1000m).ToString(CultureInfo.InvariantCulture);

    private static async Task<string> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        return await response.Content.ReadAsStringAsync();
    }
}
