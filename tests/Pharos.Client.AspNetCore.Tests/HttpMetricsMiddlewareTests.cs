using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Pharos.Client.AspNetCore.Tests;

public sealed class HttpMetricsMiddlewareTests
{
    [Fact]
    public async Task Requests_are_counted_by_method_route_template_and_status_code()
    {
        await using var app = await StartAsync((web, _) =>
        {
            web.MapGet("/items/{id}", (int id) => $"item {id}");
            web.MapPost("/items", () => Results.Created("/items/9", null));
        });

        await app.Client.GetStringAsync("/items/1");
        await app.Client.GetStringAsync("/items/2");
        await app.Client.PostAsync("/items", null);

        Assert.Equal(
            [
                "http_requests_total{method=\"GET\",route=\"/items/{id}\",status_code=\"200\"} 2",
                "http_requests_total{method=\"POST\",route=\"/items\",status_code=\"201\"} 1",
            ],
            app.Samples("http_requests_total"));
        Assert.Contains(
            "http_request_duration_seconds_count{method=\"GET\",route=\"/items/{id}\",status_code=\"200\"} 2",
            app.Samples("http_request_duration_seconds_count"));
        Assert.Equal(
            11 + 1, // the default buckets and +Inf
            app.Samples("http_request_duration_seconds_bucket").Count(l => l.Contains("route=\"/items/{id}\"", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("unknown", "unknown")]
    public async Task Unmatched_requests_get_the_unmatched_route_never_the_path(string? unmatchedRoute, string expectedRoute)
    {
        await using var app = await StartAsync(
            (web, _) => web.MapGet("/", () => "hi"),
            options =>
            {
                if (unmatchedRoute is not null)
                {
                    options.UnmatchedRoute = unmatchedRoute;
                }
            });

        using var response = await app.Client.GetAsync("/wp-admin/setup.php");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(
            [$"http_requests_total{{method=\"GET\",route=\"{expectedRoute}\",status_code=\"404\"}} 1"],
            app.Samples("http_requests_total"));
    }

    [Fact]
    public async Task Route_templates_get_a_leading_slash()
    {
        await using var app = await StartAsync((web, _) => web.MapGet("api/things", () => "things"));

        await app.Client.GetStringAsync("/api/things");

        Assert.Equal(
            ["http_requests_total{method=\"GET\",route=\"/api/things\",status_code=\"200\"} 1"],
            app.Samples("http_requests_total"));
    }

    [Fact]
    public async Task Metrics_endpoint_is_not_measured_by_default_even_on_a_custom_path()
    {
        await using var app = await StartAsync((web, registry) =>
        {
            web.MapGet("/", () => "hi");
            web.MapMetrics("/internal/scrape", registry);
        });

        await app.Client.GetStringAsync("/");
        await app.Client.GetStringAsync("/internal/scrape");
        await app.Client.GetStringAsync("/internal/scrape");

        Assert.Equal(
            ["http_requests_total{method=\"GET\",route=\"/\",status_code=\"200\"} 1"],
            app.Samples("http_requests_total"));
        Assert.DoesNotContain(app.Samples("http_requests_in_progress"), l => l.Contains("/internal/scrape", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_endpoint_is_measured_when_asked()
    {
        await using var app = await StartAsync(
            (web, registry) => web.MapMetrics("/metrics", registry),
            options => options.CaptureMetricsEndpoint = true);

        await app.Client.GetStringAsync("/metrics");

        Assert.Equal(
            ["http_requests_total{method=\"GET\",route=\"/metrics\",status_code=\"200\"} 1"],
            app.Samples("http_requests_total"));
    }

    [Fact]
    public async Task Excluded_paths_are_not_measured()
    {
        await using var app = await StartAsync(
            (web, _) =>
            {
                web.MapGet("/healthz", () => "ok");
                web.MapGet("/healthz/ready", () => "ok");
                web.MapGet("/healthzz", () => "ok");
            },
            options => options.ExcludedPaths.Add("/healthz"));

        await app.Client.GetStringAsync("/healthz");
        await app.Client.GetStringAsync("/HEALTHZ/ready");
        await app.Client.GetStringAsync("/healthzz");

        Assert.Equal(
            ["http_requests_total{method=\"GET\",route=\"/healthzz\",status_code=\"200\"} 1"],
            app.Samples("http_requests_total"));
    }

    [Fact]
    public async Task A_failing_request_is_counted_as_500_and_the_exception_propagates()
    {
        await using var app = await StartAsync((web, _) => web.MapGet("/boom", string () => throw new InvalidOperationException("boom")));

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var response = await app.Client.GetAsync("/boom");
            response.EnsureSuccessStatusCode();
        });

        Assert.Equal(
            ["http_requests_total{method=\"GET\",route=\"/boom\",status_code=\"500\"} 1"],
            app.Samples("http_requests_total"));
        Assert.Equal(["http_requests_in_progress{method=\"GET\",route=\"/boom\"} 0"], app.Samples("http_requests_in_progress"));
    }

    [Fact]
    public async Task Unknown_methods_are_folded_into_one_label_value()
    {
        await using var app = await StartAsync((web, _) => web.MapMethods("/x", ["BREW", "GET"], () => "coffee"));

        await app.Client.SendAsync(new HttpRequestMessage(new HttpMethod("BREW"), "/x"));
        await app.Client.SendAsync(new HttpRequestMessage(new HttpMethod("get"), "/x"));

        Assert.Equal(
            [
                "http_requests_total{method=\"GET\",route=\"/x\",status_code=\"200\"} 1",
                "http_requests_total{method=\"_OTHER\",route=\"/x\",status_code=\"200\"} 1",
            ],
            app.Samples("http_requests_total"));
    }

    [Fact]
    public async Task A_running_request_is_in_progress_until_it_finishes()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await StartAsync((web, _) => web.MapGet("/slow", async () =>
        {
            entered.SetResult();
            await release.Task;
            return "done";
        }));

        var request = app.Client.GetStringAsync("/slow");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var during = app.Samples("http_requests_in_progress");
        release.SetResult();
        await request;

        Assert.Equal(["http_requests_in_progress{method=\"GET\",route=\"/slow\"} 1"], during);
        Assert.Equal(["http_requests_in_progress{method=\"GET\",route=\"/slow\"} 0"], app.Samples("http_requests_in_progress"));
    }

    [Fact]
    public async Task Duration_buckets_can_be_chosen()
    {
        await using var app = await StartAsync((web, _) => web.MapGet("/", () => "hi"), options => options.DurationBuckets = [0.5, 60]);

        await app.Client.GetStringAsync("/");

        var histogram = Assert.Single(app.Registry.RegisteredMetrics.OfType<Histogram>());
        Assert.Equal([0.5, 60, double.PositiveInfinity], histogram.UpperBounds);
        Assert.Equal(1, Assert.Single(histogram.GetChildren()).Count);
    }

    private static Task<TestApp> StartAsync(Action<WebApplication, MetricRegistry> map, Action<HttpMetricsOptions>? configure = null) =>
        TestApp.StartAsync((web, registry) =>
        {
            web.UseHttpMetrics(options =>
            {
                options.Registry = registry;
                configure?.Invoke(options);
            });
            map(web, registry);
        });
}
