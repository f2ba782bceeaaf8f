using System.IO.Compression;
using System.Net;
using Pharos.Model;

namespace Pharos.Web.Tests;

public sealed class FederationAndLifecycleTests
{
    [Fact]
    public async Task Federation_returns_the_newest_sample_of_each_matching_series_with_external_labels()
    {
        await using var server = await ApiTestServer.StartAsync((storage, engine) => new PrometheusWebOptions
        {
            Queryable = storage,
            Engine = engine,
            TimeProvider = new ApiTestServer.FixedTime(DateTimeOffset.FromUnixTimeMilliseconds(ApiTestServer.NowMs)),
            ExternalLabels = () => Labels.FromStrings("cluster", "eu"),
        });
        var (status, body) = await server.GetAsync("/federate?match[]=up&match[]=%7Bjob%3D%22api%22%7D");
        Assert.Equal(200, status);
        Assert.Equal(
            "# TYPE http_requests_total untyped\n" +
            "http_requests_total{code=\"200\",job=\"api\",cluster=\"eu\",instance=\"\"} 200 1700000000000\n" +
            "# TYPE up untyped\n" +
            "up{instance=\"a:9090\",job=\"prometheus\",cluster=\"eu\"} 1 1700000000000\n" +
            "up{instance=\"b:9100\",job=\"node\",cluster=\"eu\"} 0 1700000000000\n",
            body);
    }

    [Fact]
    public async Task Federation_rejects_a_bad_selector_with_400()
    {
        await using var server = await ApiTestServer.StartAsync();
        var (status, body) = await server.GetAsync("/federate?match[]=up%7B");
        Assert.Equal(400, status);
        Assert.Contains("parse error", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_and_readiness_answer_with_upstream_texts()
    {
        await using var server = await ApiTestServer.StartAsync();
        Assert.Equal((200, "Prometheus Server is Healthy.\n"), await server.GetAsync("/-/healthy"));
        Assert.Equal((200, "Prometheus Server is Ready.\n"), await server.GetAsync("/-/ready"));
    }

    [Fact]
    public async Task While_not_ready_the_api_and_readiness_answer_503()
    {
        await using var server = await ApiTestServer.StartAsync((storage, engine) => ApiTestServer.Options(storage, engine) is var o
            ? new PrometheusWebOptions { Queryable = o.Queryable, Engine = o.Engine, TimeProvider = o.TimeProvider, IsReady = () => false }
            : null!);
        Assert.Equal((503, "Service Unavailable"), await server.GetAsync("/-/ready"));
        Assert.Equal((503, "Service Unavailable"), await server.GetAsync("/api/v1/query?query=up"));
        Assert.Equal((503, "Service Unavailable"), await server.GetAsync("/federate?match[]=up"));
        Assert.Equal(200, (await server.GetAsync("/api/v1/status/walreplay")).Status);
    }

    [Fact]
    public async Task Reload_and_quit_are_forbidden_without_the_lifecycle_flag()
    {
        await using var server = await ApiTestServer.StartAsync();
        Assert.Equal((403, "Lifecycle API is not enabled."), await server.PostFormAsync("/-/reload"));
        Assert.Equal((403, "Lifecycle API is not enabled."), await server.PostFormAsync("/-/quit"));
    }

    [Fact]
    public async Task A_failed_reload_answers_500_with_the_reason()
    {
        await using var server = await ApiTestServer.StartAsync((storage, engine) => new PrometheusWebOptions
        {
            Queryable = storage,
            Engine = engine,
            EnableLifecycle = true,
            Reload = _ => throw new InvalidOperationException("bad config"),
        });
        Assert.Equal((500, "failed to reload config: bad config\n"), await server.PostFormAsync("/-/reload"));
    }

    [Fact]
    public async Task Responses_are_gzipped_when_the_client_accepts_it()
    {
        await using var server = await ApiTestServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/labels");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await server.Client.SendAsync(request);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        Assert.Equal("""{"status":"success","data":["__name__","code","instance","job"]}""", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task Cors_headers_are_set_for_allowed_origins_only()
    {
        await using var server = await ApiTestServer.StartAsync((storage, engine) => new PrometheusWebOptions
        {
            Queryable = storage,
            Engine = engine,
            CorsOrigin = "https?://grafana\\.example",
        });
        using var allowed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/labels");
        allowed.Headers.Add("Origin", "https://grafana.example");
        using var allowedResponse = await server.Client.SendAsync(allowed);
        Assert.Equal("https://grafana.example", Assert.Single(allowedResponse.Headers.GetValues("Access-Control-Allow-Origin")));

        using var denied = new HttpRequestMessage(HttpMethod.Get, "/api/v1/labels");
        denied.Headers.Add("Origin", "https://evil.example");
        using var deniedResponse = await server.Client.SendAsync(denied);
        Assert.Equal(HttpStatusCode.OK, deniedResponse.StatusCode);
        Assert.False(deniedResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
