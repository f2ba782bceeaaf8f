using System.Text;
using System.Text.Json;

namespace Pharos.Web.Tests.Api;

/// <summary>
/// Random and hostile parameters on every endpoint: each answer is either success or upstream's error envelope with
/// the status its error type implies, never a 500 from an unhandled exception, and the server keeps serving.
/// </summary>
public sealed class ParameterFuzzTests
{
    private static readonly string[] Paths =
    [
        "/api/v1/query", "/api/v1/query_range", "/api/v1/query_exemplars", "/api/v1/format_query", "/api/v1/parse_query",
        "/api/v1/series", "/api/v1/labels", "/api/v1/label/job/values", "/api/v1/label/%FF%FE/values", "/api/v1/targets",
        "/api/v1/targets/metadata", "/api/v1/metadata", "/api/v1/rules", "/api/v1/alerts", "/api/v1/alertmanagers",
        "/api/v1/status/config", "/api/v1/status/flags", "/api/v1/status/runtimeinfo", "/api/v1/status/buildinfo",
        "/api/v1/status/tsdb", "/api/v1/status/walreplay", "/api/v1/features", "/federate",
    ];

    private static readonly string[] Names =
        ["query", "time", "start", "end", "step", "timeout", "match[]", "limit", "stats", "state", "scrapePool", "match_target", "metric", "limit_per_metric", "type", "lookback_delta", "unknown", "exclude_alerts"];

    private static readonly string[] Values =
    [
        "", "up", "up{", "}", "sum(", "1e309", "-1", "0", "NaN", "Inf", "-Inf", "1.5", "99999999999999999999", "abc",
        "2023-13-45T99:99:99Z", "2023-11-14T22:13:20Z", "1h", "-5m", "0s", "1y2w", "{job=~\".*\"}", "{__name__=~\"u.*\"}",
        "rate(up[5m])", "up[5m]", "topk(1e100, up)", "count_values(\"x\", up)", "label_replace(up, \"a\", \"$1\", \"job\", \"(.*)\")",
        "\"string\"", "@", "up @ end()", "up offset -1h", "histogram_quantile(0.9, up)", "ñ", "\u0000", "%", "active", "dropped",
        "any", "alert", "record", "all", "true", new string('a', 5000), string.Concat(Enumerable.Repeat("(", 2000)),
    ];

    [Fact]
    public async Task Random_parameters_on_every_endpoint_give_upstream_answers_and_the_server_keeps_serving()
    {
        await using var server = await ApiTestServer.StartAsync();
        var random = new Random(20231114);
        for (var i = 0; i < 1500; i++)
        {
            var path = Paths[random.Next(Paths.Length)];
            var query = new StringBuilder();
            var count = random.Next(0, 5);
            for (var p = 0; p < count; p++)
            {
                query.Append(p == 0 ? '?' : '&')
                    .Append(Uri.EscapeDataString(Names[random.Next(Names.Length)]))
                    .Append('=')
                    .Append(Uri.EscapeDataString(Values[random.Next(Values.Length)]));
            }

            var url = path + query;
            var post = random.Next(4) == 0;
            var (status, body) = post
                ? await server.PostFormAsync(path, ParseQuery(query.ToString()))
                : await server.GetAsync(url);

            // Endpoints upstream serves on GET only answer a POST with 405, as its router does.
            if (!(post && status == 405))
            {
                AssertUpstreamShaped(url, status, body);
            }
        }

        Assert.Equal(200, (await server.GetAsync("/-/healthy")).Status);
        Assert.Equal(200, (await server.GetAsync("/api/v1/query?query=up")).Status);
    }

    [Fact]
    public async Task A_huge_form_body_is_rejected_without_harming_the_server()
    {
        await using var server = await ApiTestServer.StartAsync((storage, engine) => new PrometheusWebOptions
        {
            Queryable = storage,
            Engine = engine,
            MaxRequestBodyBytes = 1024 * 1024,
        });
        var (status, body) = await server.PostFormAsync("/api/v1/query", ("query", new string('1', 4 * 1024 * 1024)));
        Assert.Equal(400, status);
        Assert.Contains("\"errorType\":\"bad_data\"", body, StringComparison.Ordinal);
        Assert.Equal(200, (await server.GetAsync("/api/v1/query?query=1")).Status);
    }

    private static (string, string)[] ParseQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Uri.UnescapeDataString(p[0]), p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty))
            .ToArray();

    private static void AssertUpstreamShaped(string url, int status, string body)
    {
        if (url.StartsWith("/federate", StringComparison.Ordinal))
        {
            Assert.True(status is 200 or 400, $"{url} answered {status}: {body}");
            return;
        }

        Assert.True(status is 200 or 400 or 422 or 503, $"{url} answered {status}: {body}");
        Assert.True(body.StartsWith('{'), $"{url} answered {status}: {body}");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (status == 200)
        {
            Assert.Equal("success", root.GetProperty("status").GetString());
            return;
        }

        Assert.Equal("error", root.GetProperty("status").GetString());
        var expectedType = status switch
        {
            400 => "bad_data",
            422 => "execution",
            _ => null,
        };
        var type = root.GetProperty("errorType").GetString();
        if (expectedType is not null)
        {
            Assert.Equal(expectedType, type);
        }
        else
        {
            Assert.True(type is "timeout" or "canceled" or "unavailable", $"{url}: {type}");
        }

        Assert.False(string.IsNullOrEmpty(root.GetProperty("error").GetString()));
    }
}
