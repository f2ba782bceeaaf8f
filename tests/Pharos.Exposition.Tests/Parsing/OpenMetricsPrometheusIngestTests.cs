using Pharos.Testing;
using Xunit;

namespace Pharos.Exposition.Tests.Parsing;

/// <summary>
/// Scrape mode must accept exactly what Prometheus ingests. The verdicts of Debian's Prometheus 2.42 are checked in
/// (<c>openmetrics-prometheus-ingest.txt</c>) so the fast run guards them; the integration test regenerates them from
/// the real binary.
/// </summary>
public sealed class OpenMetricsPrometheusIngestTests
{
    public const string IngestListFile = "openmetrics-prometheus-ingest.txt";

    public static SortedSet<string> CheckedInIngestList() =>
        OpenMetricsSuite.ReadList(IngestListFile, line => line.Length == 0 || line.StartsWith('#') ? null : line);

    public static SortedSet<string> ScrapeModeAccepts()
    {
        var parser = ExpositionParser.Create(ExpositionFormat.OpenMetricsText, ParserMode.Scrape);
        var accepted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in OpenMetricsSuite.CaseNames())
        {
            if (OpenMetricsSuite.Parse(parser, OpenMetricsSuite.Load(name).Input) is null)
            {
                accepted.Add(name);
            }
        }

        return accepted;
    }

    public static string Describe(SortedSet<string> expected, SortedSet<string> actual)
    {
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        return $"Prometheus ingests but scrape mode rejects: [{string.Join(", ", missing)}]; " +
            $"scrape mode accepts but Prometheus rejects: [{string.Join(", ", extra)}]";
    }

    [Fact]
    public void Scrape_mode_accepts_exactly_the_cases_listed_as_ingested_by_Prometheus()
    {
        var expected = CheckedInIngestList();
        var actual = ScrapeModeAccepts();
        Assert.True(expected.SetEquals(actual), Describe(expected, actual));
    }

    [Fact]
    public void Every_valid_case_is_in_the_ingest_list()
    {
        var expected = CheckedInIngestList();
        foreach (var name in OpenMetricsSuite.CaseNames())
        {
            if (OpenMetricsSuite.Load(name).ShouldParse)
            {
                Assert.Contains(name, expected);
            }
        }
    }
}

[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class OpenMetricsRealPrometheusTests : IClassFixture<PrometheusIngestFixture>
{
    private readonly PrometheusIngestFixture _fixture;

    public OpenMetricsRealPrometheusTests(PrometheusIngestFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Scrape_mode_accepts_exactly_the_cases_a_real_Prometheus_ingests()
    {
        Assert.True(File.Exists(PrometheusIngestFixture.PrometheusPath), $"{PrometheusIngestFixture.PrometheusPath} is not installed");
        var verdicts = await _fixture.Verdicts;
        var ingested = new SortedSet<string>(verdicts.Where(kv => kv.Value).Select(kv => kv.Key), StringComparer.Ordinal);
        var actual = OpenMetricsPrometheusIngestTests.ScrapeModeAccepts();
        Assert.True(ingested.SetEquals(actual), OpenMetricsPrometheusIngestTests.Describe(ingested, actual));
    }

    [Fact]
    public async Task The_checked_in_ingest_list_matches_a_real_Prometheus()
    {
        var verdicts = await _fixture.Verdicts;
        var ingested = new SortedSet<string>(verdicts.Where(kv => kv.Value).Select(kv => kv.Key), StringComparer.Ordinal);
        var listed = OpenMetricsPrometheusIngestTests.CheckedInIngestList();
        Assert.True(
            ingested.SetEquals(listed),
            "observed: " + string.Join(' ', ingested) + "\n" + OpenMetricsPrometheusIngestTests.Describe(ingested, listed));
    }
}
