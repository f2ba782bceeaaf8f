using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Pharos.Testing;

namespace Pharos.Server.Tests;

/// <summary>
/// Clients that talk to Prometheus (Debian's promtool, Grafana's data source) get the same answers from Pharos as
/// from Debian's prometheus holding the same data.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class CompatibilityTests(CompatibilityFixture fixture) : IClassFixture<CompatibilityFixture>
{
    // Fields of /api/v1/status/buildinfo that name the build, not the API: only their presence and type must match.
    private static readonly HashSet<string> BuildFields = ["version", "revision", "branch", "buildUser", "buildDate", "goVersion"];

    [Theory]
    [InlineData("fixed_metric")]
    [InlineData("count(fixed_metric)")]
    [InlineData("sum by (kind) (fixed_metric * 2)")]
    [InlineData("up")]
    [InlineData("fixed_metric offset 3s")]
    [InlineData("scrape_samples_scraped")]
    public async Task Promtool_instant_queries_print_the_same_as_against_prometheus(string expr)
    {
        var time = Unix(fixture.End);
        await AssertSamePromtoolOutputAsync(["query", "instant", $"--time={time}"], [expr]);
    }

    [Fact]
    public async Task Promtool_range_queries_print_the_same_as_against_prometheus()
    {
        await AssertSamePromtoolOutputAsync(
            ["query", "range", $"--start={Unix(fixture.End - 6)}", $"--end={Unix(fixture.End)}", "--step=2s"],
            ["fixed_metric"]);
    }

    [Fact]
    public async Task Promtool_series_queries_print_the_same_as_against_prometheus()
    {
        await AssertSamePromtoolOutputAsync(["query", "series", "--match=fixed_metric", "--match=up"], []);
    }

    [Fact]
    public async Task Promtool_json_output_and_time_bounded_metadata_queries_print_the_same_as_against_prometheus()
    {
        var (start, end) = ($"--start={Unix(fixture.End - 10)}", $"--end={Unix(fixture.End)}");
        await AssertSamePromtoolOutputAsync(["query", "instant", "-o", "json", $"--time={Unix(fixture.End)}"], ["fixed_metric"]);
        await AssertSamePromtoolOutputAsync(["query", "range", "-o", "json", start, end, "--step=5s"], ["count(fixed_metric)"]);
        await AssertSamePromtoolOutputAsync(["query", "series", "-o", "json", "--match=fixed_metric{kind!=\"a\"}", start, end], []);
        await AssertSamePromtoolOutputAsync(["query", "labels", "--match=fixed_metric", start, end], ["kind"]);
    }

    [Theory]
    [InlineData("job")]
    [InlineData("kind")]
    [InlineData("__name__")]
    public async Task Promtool_label_value_queries_print_the_same_as_against_prometheus(string name)
    {
        await AssertSamePromtoolOutputAsync(["query", "labels"], [name]);
    }

    [Fact]
    public async Task Grafanas_call_sequence_gets_the_same_answers_as_from_prometheus()
    {
        // Grafana aligns range queries to the step and sends the dashboard's time range with metadata calls.
        const long Step = 2;
        var end = fixture.End / Step * Step;
        var start = end - (5 * Step);
        string[] calls =
        [
            "api/v1/status/buildinfo",
            $"api/v1/query_range?query={Uri.EscapeDataString("sum by (kind) (fixed_metric)")}&start={start}&end={end}&step={Step}",
            $"api/v1/query_range?query={Uri.EscapeDataString("avg_over_time(fixed_metric[5s])")}&start={start}&end={end}&step={Step}",
            $"api/v1/labels?start={start}&end={end}",
            $"api/v1/labels?match[]=fixed_metric&start={start}&end={end}",
            $"api/v1/series?match[]={Uri.EscapeDataString("fixed_metric{kind=~\"a|b\"}")}&start={start}&end={end}",
            $"api/v1/label/job/values?start={start}&end={end}",
            $"api/v1/label/kind/values?match[]=fixed_metric&start={start}&end={end}",
            "api/v1/metadata?metric=fixed_metric",
            "api/v1/metadata",
            "api/v1/labels",
            $"api/v1/query?query={Uri.EscapeDataString("count(fixed_metric)")}&time={end}",
            $"api/v1/query_exemplars?query=fixed_metric&start={start}&end={end}",
        ];
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        var differences = new List<string>();
        foreach (var call in calls)
        {
            var expected = await GetJsonAsync(http, new Uri(fixture.Prometheus, call));
            var actual = await GetJsonAsync(http, new Uri(fixture.Pharos, call));
            Compare(expected.RootElement, actual.RootElement, call, compareValues: true, differences);
        }

        // Grafana sends queries as POST forms by default.
        foreach (var call in calls.Where(c => c.StartsWith("api/v1/query", StringComparison.Ordinal)))
        {
            var (path, query) = (call[..call.IndexOf('?', StringComparison.Ordinal)], call[(call.IndexOf('?', StringComparison.Ordinal) + 1)..]);
            var expected = await PostJsonAsync(http, new Uri(fixture.Prometheus, path), query);
            var actual = await PostJsonAsync(http, new Uri(fixture.Pharos, path), query);
            Compare(expected.RootElement, actual.RootElement, "POST " + call, compareValues: true, differences);
        }

        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    [Theory]
    [InlineData("api/v1/query?query=sum(")]
    [InlineData("api/v1/query?query=up&time=yesterday")]
    [InlineData("api/v1/query_range?query=up&start=10&end=5&step=1")]
    [InlineData("api/v1/query_range?query=up&start=0&end=100000&step=1")]
    [InlineData("api/v1/query_range?query=up&start=0&end=10&step=0")]
    [InlineData("api/v1/series")]
    [InlineData("api/v1/series?match[]=%7B%7D")]
    [InlineData("api/v1/label/job/values?start=abc")]
    public async Task Bad_requests_get_the_same_status_and_error_type_as_from_prometheus(string call)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        using var expected = await http.GetAsync(new Uri(fixture.Prometheus, call));
        using var actual = await http.GetAsync(new Uri(fixture.Pharos, call));
        var actualBody = await actual.Content.ReadAsStringAsync();
        Assert.Equal(expected.StatusCode, actual.StatusCode);
        using var expectedJson = JsonDocument.Parse(await expected.Content.ReadAsStringAsync());
        using var actualJson = JsonDocument.Parse(actualBody);
        var differences = new List<string>();

        // The message wording is free; its presence, the status and the error type are what clients branch on.
        Compare(expectedJson.RootElement, actualJson.RootElement, call, compareValues: false, differences);
        Assert.True(differences.Count == 0, string.Join('\n', differences));
        Assert.Equal(expectedJson.RootElement.GetProperty("status").GetString(), actualJson.RootElement.GetProperty("status").GetString());
        Assert.Equal(expectedJson.RootElement.GetProperty("errorType").GetString(), actualJson.RootElement.GetProperty("errorType").GetString());
    }

    private static string Unix(long seconds) => seconds.ToString(CultureInfo.InvariantCulture);

    private async Task AssertSamePromtoolOutputAsync(string[] verbAndFlags, string[] arguments)
    {
        var expected = await RunPromtoolAsync([.. verbAndFlags, fixture.Prometheus.ToString(), .. arguments]);
        var actual = await RunPromtoolAsync([.. verbAndFlags, fixture.Pharos.ToString(), .. arguments]);
        Assert.NotEqual(string.Empty, expected);
        Assert.Equal(expected, actual);
    }

    private static async Task<string> RunPromtoolAsync(string[] arguments)
    {
        var info = new ProcessStartInfo("/usr/bin/promtool")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(
            process.ExitCode == 0,
            $"promtool {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        return await stdout;
    }

    private static async Task<JsonDocument> PostJsonAsync(HttpClient http, Uri url, string form)
    {
        using var content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await http.PostAsync(url, content);
        return await ReadJsonAsync(url, response);
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient http, Uri url)
    {
        using var response = await http.GetAsync(url);
        return await ReadJsonAsync(url, response);
    }

    private static async Task<JsonDocument> ReadJsonAsync(Uri url, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }

    // Same structure (kinds, property names, array lengths) everywhere; same values unless the field names the build.
    private static void Compare(JsonElement expected, JsonElement actual, string path, bool compareValues, List<string> differences)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            differences.Add($"{path}: expected {expected.ValueKind} {expected}, got {actual.ValueKind} {actual}");
            return;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var names = expected.EnumerateObject().Select(p => p.Name).ToList();
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToList();
                if (!names.Order(StringComparer.Ordinal).SequenceEqual(actualNames.Order(StringComparer.Ordinal)))
                {
                    differences.Add($"{path}: expected fields [{string.Join(",", names)}], got [{string.Join(",", actualNames)}]");
                    return;
                }

                foreach (var name in names)
                {
                    Compare(expected.GetProperty(name), actual.GetProperty(name), path + "." + name, compareValues && !BuildFields.Contains(name), differences);
                }

                break;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    differences.Add($"{path}: expected {expected}, got {actual}");
                    return;
                }

                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    Compare(expected[i], actual[i], $"{path}[{i}]", compareValues, differences);
                }

                break;
            default:
                if (compareValues && expected.GetRawText() != actual.GetRawText())
                {
                    differences.Add($"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                }

                break;
        }
    }
}
