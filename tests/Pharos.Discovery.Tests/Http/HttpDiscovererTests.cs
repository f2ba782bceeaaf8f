using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pharos.Config;
using Pharos.Config.Discovery;
using Pharos.Discovery.Http;
using Pharos.Model;
using Pharos.Testing;

namespace Pharos.Discovery.Tests.Http;

public sealed class HttpDiscovererTests
{
    private const string Url = "http://sd.example/targets";

    private readonly StubHandler _handler = new();
    private readonly TestContext _context;

    public HttpDiscovererTests() => _context = new TestContext(new DiscoveryManagerOptions { HttpHandlerFactory = _ => _handler });

    [Fact]
    public async Task Groups_get_a_url_index_source_and_the_url_label()
    {
        _handler.Respond("""[{"targets": ["a:1"], "labels": {"env": "prod"}}, {"targets": ["b:2", "c:3"]}]""");

        var groups = await Discoverer().RefreshAsync(CancellationToken.None);

        Assert.Equal([Url + ":0", Url + ":1"], groups.Select(g => g.Source));
        Assert.Equal(Labels.FromStrings("__meta_url", Url, "env", "prod"), groups[0].Labels);
        Assert.Equal(["b:2", "c:3"], groups[1].Targets.Select(t => t.Get(LabelNames.Address)));
    }

    [Fact]
    public async Task The_request_announces_the_refresh_interval_and_accepts_json()
    {
        _handler.Respond("[]");

        await Discoverer(TimeSpan.FromSeconds(90)).RefreshAsync(CancellationToken.None);

        var request = Assert.Single(_handler.Requests);
        Assert.Equal("90", request.Headers.GetValues("X-Prometheus-Refresh-Interval-Seconds").Single());
        Assert.Equal("application/json", request.Headers.Accept.Single().MediaType);
    }

    [Fact]
    public async Task Groups_that_vanished_are_sent_empty()
    {
        var discoverer = Discoverer();
        _handler.Respond("""[{"targets": ["a:1"]}, {"targets": ["b:2"]}]""");
        await discoverer.RefreshAsync(CancellationToken.None);

        _handler.Respond("""[{"targets": ["a:1"]}]""");
        var groups = await discoverer.RefreshAsync(CancellationToken.None);

        Assert.Equal([Url + ":0", Url + ":1"], groups.Select(g => g.Source));
        Assert.Empty(groups[1].Targets);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "application/json", "[]", "server returned HTTP status 500")]
    [InlineData(HttpStatusCode.OK, "text/plain", "[]", "unsupported content type \"text/plain")]
    [InlineData(HttpStatusCode.OK, "application/json", "[{\"targets\": [\"a:1\"]", "http://sd.example/targets:1:")]
    public async Task A_failed_refresh_counts_a_failure_and_sends_nothing(HttpStatusCode status, string contentType, string body, string expected)
    {
        var logs = new ListLoggerFactory();
        var context = new TestContext(new DiscoveryManagerOptions { HttpHandlerFactory = _ => _handler }, logger: logs);
        _handler.Respond(body, status, contentType);
        var updates = Channel.CreateUnbounded<IReadOnlyList<DiscoveredTargetGroup>>();
        using var stop = new CancellationTokenSource();

        var run = new HttpDiscoverer(Config(TimeSpan.FromMinutes(1)), context.Options).RunAsync(updates.Writer, stop.Token);
        await Eventually.WaitAsync(() => logs.Messages.Count, n => n > 0);
        await stop.CancelAsync();
        await run;

        Assert.Contains(expected, Assert.Single(logs.Messages), StringComparison.Ordinal);
        Assert.False(updates.Reader.TryRead(out _));
        Assert.Contains("prometheus_sd_http_failures_total 1", context.Exposition());
        Assert.Contains("prometheus_sd_refresh_failures_total{mechanism=\"http\",config=\"job\"} 1", context.Exposition());
    }

    [Fact]
    public async Task Basic_auth_and_extra_headers_from_the_http_config_are_sent()
    {
        _handler.Respond("[]");
        var config = Config(TimeSpan.FromMinutes(1));
        config.HttpClientConfig = new HttpClientConfig
        {
            BasicAuth = new BasicAuth { Username = "user", Password = "secret" },
            HttpHeaders = [new("X-Tenant", new HttpHeader { Values = ["t1"] })],
        };

        await new HttpDiscoverer(config, _context.Options).RefreshAsync(CancellationToken.None);

        var request = Assert.Single(_handler.Requests);
        Assert.Equal("Basic", request.Headers.Authorization!.Scheme);
        Assert.Equal("user:secret", Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization.Parameter!)));
        Assert.Equal("t1", request.Headers.GetValues("X-Tenant").Single());
    }

    [Fact]
    [Trait(TestCategories.Name, TestCategories.Integration)]
    public async Task Targets_are_read_from_a_real_http_server()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var app = builder.Build();
        string? interval = null;
        app.MapGet("/sd", (HttpContext context) =>
        {
            interval = context.Request.Headers["X-Prometheus-Refresh-Interval-Seconds"];
            return Results.Text("""[{"targets": ["10.0.0.1:9100"], "labels": {"rack": "r1"}}]""", "application/json; charset=utf-8");
        });
        await app.StartAsync();
        var url = $"http://127.0.0.1:{port}/sd";
        var updates = Channel.CreateUnbounded<IReadOnlyList<DiscoveredTargetGroup>>();
        using var stop = new CancellationTokenSource();
        var context = new TestContext();

        var run = new HttpDiscoverer(new HttpSdConfig { Url = url, RefreshInterval = TimeSpan.FromSeconds(30) }, context.Options).RunAsync(updates.Writer, stop.Token);
        var group = Assert.Single(await updates.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15)));
        await stop.CancelAsync();
        await run;

        Assert.Equal(url + ":0", group.Source);
        Assert.Equal(Labels.FromStrings("__address__", "10.0.0.1:9100"), Assert.Single(group.Targets));
        Assert.Equal(Labels.FromStrings("__meta_url", url, "rack", "r1"), group.Labels);
        Assert.Equal("30", interval);
    }

    private static HttpSdConfig Config(TimeSpan refresh) => new() { Url = Url, RefreshInterval = refresh };

    private HttpDiscoverer Discoverer(TimeSpan? refresh = null) => new(Config(refresh ?? TimeSpan.FromMinutes(1)), _context.Options);

    private sealed class StubHandler : HttpMessageHandler
    {
        private (string Body, HttpStatusCode Status, string ContentType) _next = ("[]", HttpStatusCode.OK, "application/json");

        public List<HttpRequestMessage> Requests { get; } = [];

        public void Respond(string body, HttpStatusCode status = HttpStatusCode.OK, string contentType = "application/json") =>
            _next = (body, status, contentType);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            var content = new StringContent(_next.Body);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(_next.ContentType);
            return Task.FromResult(new HttpResponseMessage(_next.Status) { Content = content });
        }
    }
}
