using System.Text.Json;
using Pharos.Testing;
using Pharos.Testing.Peers;

namespace Pharos.Integration.Tests;

/// <summary>
/// Real Prometheus (Debian's 2.42) scrapes examples/SampleApp in each exposition format. 2.42 has no
/// <c>scrape_protocols</c>; what it asks for depends on a feature flag:
/// <list type="bullet">
/// <item>by default it sends <c>Accept: application/openmetrics-text;version=1.0.0,…;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1</c>, so the app negotiates OpenMetrics;</item>
/// <item>with <c>--enable-feature=native-histograms</c> delimited protobuf comes first in that header;</item>
/// <item>nothing in 2.42 makes it prefer the 0.0.4 text format, so that job adds <c>params: {format: [text]}</c>, which the
/// app's metrics endpoint (<c>FormatQueryParameter = "format"</c>) honours over the Accept header.</item>
/// </list>
/// Each case proves which format was served twice over: the app counts its responses by Content-Type in
/// <c>sample_app_scrapes_total{format}</c>, and the series names differ (an OpenMetrics counter sample always ends in
/// <c>_total</c>, so <c>ping_request_count</c> arrives as <c>ping_request_count_total</c>; its metadata is keyed by the
/// OpenMetrics family name).
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class SampleAppScrapeTests
{
    private const string Job = "sample-app";
    private const int RootRequests = 3;
    private const int PingRequests = 5;
    private const int Scrapes = 3;

    public static TheoryData<string, string[], string?> Formats => new()
    {
        // format served, Prometheus flags, value of ?format= in the scrape URL
        { "openmetrics", [], null },
        { "text", [], "text" },
        { "protobuf", ["--enable-feature=native-histograms"], null },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Prometheus_scrapes_the_sample_app_and_sees_its_counters_types_and_help(
        string format, string[] prometheusFlags, string? formatParameter)
    {
        await using var app = await SampleAppPeer.StartAsync();
        await app.GetAsync("/", RootRequests, "Hello from the Pharos sample app!");
        await app.GetAsync("/ping", PingRequests, "pong");

        var config = PrometheusPeer.StaticScrapeConfig(
            Job,
            [app.Target],
            TimeSpan.FromSeconds(1),
            parameters: formatParameter is null ? null : new Dictionary<string, string> { ["format"] = formatParameter });
        await using var prometheus = await PrometheusPeer.StartAsync(config, prometheusFlags);
        await prometheus.WaitForScrapesAsync(Scrapes, Job);
        var context = $"format {format}; SampleApp output:\n{app.Process.Output}\nPrometheus output:\n{prometheus.Process.Output}";

        // Which format was served: every response the app counted had this format's Content-Type. The counter is
        // incremented after each response, so a scrape sees the ones before it: at least Scrapes - 1.
        var served = await prometheus.QueryAsync($"sample_app_scrapes_total{{job=\"{Job}\"}}");
        var servedFormats = served.GetProperty("result").EnumerateArray()
            .Select(s => s.GetProperty("metric").GetProperty("format").GetString())
            .ToArray();
        Assert.True(servedFormats.SequenceEqual([format]), $"served formats [{string.Join(", ", servedFormats)}]; {context}");
        Assert.True(
            await prometheus.QueryValueAsync($"sample_app_scrapes_total{{job=\"{Job}\",format=\"{format}\"}}") >= Scrapes - 1,
            context);

        // Values. OpenMetrics renames a counter's sample to <family>_total; the other formats keep the registered name.
        var pingSeries = format == "openmetrics" ? "ping_request_count_total" : "ping_request_count";
        var otherPingSeries = format == "openmetrics" ? "ping_request_count" : "ping_request_count_total";
        Assert.Equal(PingRequests, await prometheus.QueryValueAsync($"{pingSeries}{{job=\"{Job}\"}}"));
        Assert.Null(await prometheus.QueryValueAsync($"{otherPingSeries}{{job=\"{Job}\"}}"));
        Assert.Equal(
            RootRequests,
            await prometheus.QueryValueAsync($"http_requests_total{{job=\"{Job}\",method=\"GET\",route=\"/\",status_code=\"200\"}}"));
        Assert.Equal(
            PingRequests,
            await prometheus.QueryValueAsync($"http_requests_total{{job=\"{Job}\",route=\"/ping\"}}"));
        Assert.Equal(
            RootRequests,
            await prometheus.QueryValueAsync($"http_request_duration_seconds_count{{job=\"{Job}\",route=\"/\"}}"));
        Assert.Equal(
            RootRequests,
            await prometheus.QueryValueAsync($"http_request_duration_seconds_bucket{{job=\"{Job}\",route=\"/\",le=\"+Inf\"}}"));
        // Scrapes of /metrics itself are left out of the HTTP metrics.
        Assert.Null(await prometheus.QueryValueAsync($"http_requests_total{{job=\"{Job}\",route=\"/metrics\"}}"));
        // Process and runtime collectors come through too.
        Assert.NotNull(await prometheus.QueryValueAsync($"process_start_time_seconds{{job=\"{Job}\"}}"));
        Assert.NotNull(await prometheus.QueryValueAsync($"sum(dotnet_gc_heap_size_bytes{{job=\"{Job}\"}})"));

        // Metadata: types and help texts, keyed by the family name as the format spells it.
        var httpRequestsFamily = format == "openmetrics" ? "http_requests" : "http_requests_total";
        AssertMetadata(
            await prometheus.MetadataAsync("ping_request_count"),
            "ping_request_count",
            "counter",
            "Number of requests handled by the ping handler.");
        AssertMetadata(
            await prometheus.MetadataAsync(httpRequestsFamily),
            httpRequestsFamily,
            "counter",
            "Number of HTTP requests handled, by method, route template and status code.");
        AssertMetadata(
            await prometheus.MetadataAsync("http_request_duration_seconds"),
            "http_request_duration_seconds",
            "histogram",
            "Time from receiving an HTTP request to finishing its response, in seconds.");
        AssertMetadata(
            await prometheus.MetadataAsync("http_requests_in_progress"),
            "http_requests_in_progress",
            "gauge",
            "Number of HTTP requests being handled, by method and route template.");

        var target = Assert.Single((await prometheus.TargetsAsync()).GetProperty("activeTargets").EnumerateArray());
        Assert.Equal("up", target.GetProperty("health").GetString());
        Assert.Equal(string.Empty, target.GetProperty("lastError").GetString());
    }

    private static void AssertMetadata(JsonElement metadata, string family, string type, string help)
    {
        Assert.True(metadata.TryGetProperty(family, out var entries), $"no metadata for {family}: {metadata}");
        var entry = Assert.Single(entries.EnumerateArray());
        Assert.Equal(type, entry.GetProperty("type").GetString());
        Assert.Equal(help, entry.GetProperty("help").GetString());
    }
}
