using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;

namespace Pharos.Client.AspNetCore.Tests;

public sealed class MetricsEndpointTests
{
    // The Accept headers Prometheus 2.42 sends, by default and with --enable-feature=native-histograms.
    private const string Prometheus242Accept =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75," +
        "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private const string Prometheus242ProtobufAccept =
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited," +
        "application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75," +
        "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    public static TheoryData<string?, string> AcceptHeaders => new()
    {
        { null, ExpositionFormats.PrometheusTextContentType },
        { "text/plain", ExpositionFormats.PrometheusTextContentType },
        { "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ExpositionFormats.PrometheusTextContentType },
        { Prometheus242Accept, ExpositionFormats.OpenMetricsTextContentType },
        { Prometheus242ProtobufAccept, ExpositionFormats.ProtobufContentType },
        { "application/openmetrics-text;version=1.0.0;q=0.2,text/plain;version=0.0.4;q=0.5", ExpositionFormats.PrometheusTextContentType },
    };

    [Theory]
    [MemberData(nameof(AcceptHeaders))]
    public async Task Format_is_negotiated_from_the_Accept_header(string? accept, string expectedContentType)
    {
        await using var app = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await app.Client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expectedContentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal(app.Registry.ToArray(FormatOf(expectedContentType)), body);
    }

    [Fact]
    public async Task Response_is_gzipped_when_the_client_accepts_gzip()
    {
        await using var app = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var response = await app.Client.SendAsync(request);
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await gzip.CopyToAsync(plain);

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(app.Registry.ToArray(ExpositionFormat.PrometheusText), plain.ToArray());
    }

    [Theory]
    [InlineData("gzip;q=0", true)]
    [InlineData("identity", true)]
    [InlineData("gzip", false)]
    public async Task Response_is_plain_when_gzip_is_refused_or_disabled(string acceptEncoding, bool enableGzip)
    {
        await using var app = await StartAsync(o => o.EnableGzip = enableGzip);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);

        using var response = await app.Client.SendAsync(request);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(app.Registry.ToArray(ExpositionFormat.PrometheusText), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("text", ExpositionFormats.PrometheusTextContentType)]
    [InlineData("openmetrics", ExpositionFormats.OpenMetricsTextContentType)]
    [InlineData("protobuf", ExpositionFormats.ProtobufContentType)]
    [InlineData("OpenMetrics", ExpositionFormats.OpenMetricsTextContentType)]
    public async Task Format_query_parameter_overrides_the_Accept_header(string value, string expectedContentType)
    {
        await using var app = await StartAsync(o => o.FormatQueryParameter = "format");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/metrics?format={value}");
        request.Headers.TryAddWithoutValidation("Accept", Prometheus242ProtobufAccept);

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(expectedContentType, response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Unknown_format_parameter_value_is_a_bad_request()
    {
        await using var app = await StartAsync(o => o.FormatQueryParameter = "format");

        using var response = await app.Client.GetAsync("/metrics?format=json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("text, openmetrics or protobuf", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Format_query_parameter_is_ignored_unless_enabled()
    {
        await using var app = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics?format=protobuf");
        request.Headers.TryAddWithoutValidation("Accept", Prometheus242Accept);

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(ExpositionFormats.OpenMetricsTextContentType, response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Default_registry_and_pattern_are_used_when_none_are_given()
    {
        var counter = Metrics.CreateCounter("pharos_aspnetcore_tests_default_total", "A counter in the default registry.");
        counter.Inc();
        await using var app = await TestApp.StartAsync((web, _) => web.MapMetrics());

        var body = await app.Client.GetStringAsync("/metrics");

        Assert.Contains("pharos_aspnetcore_tests_default_total 1", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_pattern_and_HEAD_are_served()
    {
        await using var app = await TestApp.StartAsync((web, registry) =>
        {
            registry.CreateGauge("up_gauge", "A gauge.").Set(1);
            web.MapMetrics("/internal/prometheus", registry);
        });

        using var head = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/internal/prometheus"));
        var get = await app.Client.GetStringAsync("/internal/prometheus");

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Contains("up_gauge 1", get, StringComparison.Ordinal);
    }

    private static Task<TestApp> StartAsync(Action<MetricsEndpointOptions>? configure = null) =>
        TestApp.StartAsync((web, registry) =>
        {
            var requests = registry.CreateCounter("test_requests_total", "Requests, for the endpoint tests.", "path");
            requests.WithLabels("/a").Inc(3);
            registry.CreateHistogram("test_latency_seconds", "Latency, for the endpoint tests.").Observe(0.2);
            web.MapMetrics("/metrics", options =>
            {
                options.Registry = registry;
                configure?.Invoke(options);
            });
        });

    private static ExpositionFormat FormatOf(string contentType) => contentType switch
    {
        ExpositionFormats.OpenMetricsTextContentType => ExpositionFormat.OpenMetricsText,
        ExpositionFormats.ProtobufContentType => ExpositionFormat.Protobuf,
        _ => ExpositionFormat.PrometheusText,
    };
}
