using System.Buffers;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Exposition.Model;
using Pharos.Exposition.Protobuf;
using Pharos.Model;
using Pharos.Testing;
using Pharos.Testing.Peers;

namespace Pharos.Pushgateway.Tests;

/// <summary>
/// Runs one scripted scenario against Debian's real Pushgateway and against Pharos's, step by step: every status
/// code and every exposed state (<c>/metrics</c>, both encodings, and <c>/api/v1/metrics</c>) must be identical once
/// push times, timestamps and each side's own metrics are normalised away.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class ScenarioParityTests : IAsyncLifetime
{
    private const string ProtobufType = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    private PushgatewayPeer? _upstream;
    private PushgatewayServer? _pharos;

    private enum Check
    {
        Status,
        Metrics,
        MetricsProtobuf,
        Api,
    }

    public async Task InitializeAsync()
    {
        _upstream = await PushgatewayPeer.StartAsync();
        _pharos = await PushgatewayServer.StartAsync(InProcess.Options(), NullLoggerFactory.Instance);
    }

    public async Task DisposeAsync()
    {
        _upstream?.Dispose();
        if (_pharos is not null)
        {
            await _pharos.DisposeAsync();
        }
    }

    [Fact]
    public async Task Scripted_scenario_gives_identical_status_codes_and_exposed_metrics()
    {
        var steps = Scenario();
        Assert.True(steps.Count >= 40, $"only {steps.Count} steps");
        var failures = new List<string>();
        var seen = new List<string>();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var upstream = await RunAsync(_upstream!.BaseAddress, step);
            var pharos = await RunAsync(_pharos!.BaseAddress, step);
            seen.Add(upstream);
            if (upstream != pharos)
            {
                failures.Add($"step {i + 1} ({step.Description}):\n--- upstream\n{upstream}\n--- pharos\n{pharos}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));

        // The scenario must exercise every outcome and end with real content, or equality would prove nothing.
        Assert.Contains("200", seen);
        Assert.Contains("202", seen);
        Assert.Contains("400", seen);
        Assert.Contains(seen, s => s.Contains("requests_total Counter", StringComparison.Ordinal) && s.Contains("h_seconds Histogram", StringComparison.Ordinal));
        Assert.Contains(seen, s => s.Contains("s_seconds SUMMARY", StringComparison.Ordinal) && s.Contains("path=/var/tmp", StringComparison.Ordinal));
    }

    private static async Task<string> RunAsync(Uri baseAddress, Step step)
    {
        if (step.Check != Check.Status)
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, step.Check == Check.Api ? "api/v1/metrics" : "metrics"));
            if (step.Check == Check.MetricsProtobuf)
            {
                get.Headers.Accept.ParseAdd(ProtobufType);
            }

            using var response = await Http.SendAsync(get);
            var body = await response.Content.ReadAsByteArrayAsync();
            return $"{(int)response.StatusCode}\n" + (step.Check == Check.Api
                ? Normalize.ApiMetrics(Encoding.UTF8.GetString(body))
                : Normalize.Exposition(body, response.Content.Headers.ContentType?.ToString()));
        }

        using var request = new HttpRequestMessage(new HttpMethod(step.Method), new Uri(baseAddress, step.Path));
        if (step.Body is not null)
        {
            var content = new ByteArrayContent(step.Gzip ? Gzip(step.Body) : step.Body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(step.ContentType ?? "text/plain; version=0.0.4");
            if (step.Gzip)
            {
                content.Headers.ContentEncoding.Add("gzip");
            }

            request.Content = content;
        }

        using var answer = await Http.SendAsync(request);
        return ((int)answer.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<Step> Scenario()
    {
        var steps = new List<Step>();
        void Text(string method, string path, string body, string what, bool gzip = false) =>
            steps.Add(new Step(what, method, path, Encoding.UTF8.GetBytes(body), null, gzip, Check.Status));
        void Proto(string method, string path, string what, params MetricFamily[] families)
        {
            var buffer = new ArrayBufferWriter<byte>();
            ProtobufWriter.Write(buffer, families);
            steps.Add(new Step(what, method, path, buffer.WrittenSpan.ToArray(), ProtobufType, false, Check.Status));
        }

        void Delete(string path, string what) => steps.Add(new Step(what, "DELETE", path, null, null, false, Check.Status));
        void Observe(string what)
        {
            steps.Add(new Step(what + " (/metrics)", "GET", "metrics", null, null, false, Check.Metrics));
            steps.Add(new Step(what + " (/metrics protobuf)", "GET", "metrics", null, null, false, Check.MetricsProtobuf));
            steps.Add(new Step(what + " (/api/v1/metrics)", "GET", "api/v1/metrics", null, null, false, Check.Api));
        }

        Observe("empty state");
        Text("PUT", "metrics/job/j1", "a{x=\"1\"} 1\n", "PUT untyped with a label");
        Text("POST", "metrics/job/j1", "# HELP b B help.\n# TYPE b gauge\nb 2\n", "POST a second family");
        Text("PUT", "metrics/job/j2/instance/i2", "a{job=\"other\",instance=\"i9\"} 2\n", "grouping labels override pushed ones");
        Text("PUT", "metrics/job/j4", "a{instance=\"from-body\"} 4\n", "pushed instance kept without instance in the key");
        Observe("after the first pushes");
        Text("POST", "metrics/job/j3", "# TYPE a counter\na 1\n", "type conflict with another group");
        Text("POST", "metrics/job/j5", "c 1 1700000000000\n", "timestamps are rejected");
        Proto("POST", "metrics/job/p1", "protobuf gauge", new MetricFamily("g", MetricType.Gauge, "A gauge.") { HasHelp = true }
            .Add(new MetricPoint(Labels.FromStrings("k", "v"), 1.5))
            .Add(new MetricPoint(Labels.FromStrings("k", "w"), -2)));
        var histogram = new MetricPoint(Labels.Empty) { Count = 3, Sum = 4.5 };
        histogram.Buckets.AddRange([new ClassicBucket(0.5, 1), new ClassicBucket(1, 2), new ClassicBucket(double.PositiveInfinity, 3)]);
        Proto("PUT", "metrics/job/p1/instance/x", "protobuf histogram", new MetricFamily("h_seconds", MetricType.Histogram, "A histogram.") { HasHelp = true }.Add(histogram));
        var summary = new MetricPoint(Labels.FromStrings("op", "read")) { Count = 10, Sum = 7 };
        summary.Quantiles.AddRange([new Quantile(0.5, 0.6), new Quantile(0.99, 1.2)]);
        Proto("POST", "metrics/job/p1/instance/x", "protobuf summary", new MetricFamily("s_seconds", MetricType.Summary, "A summary.") { HasHelp = true }.Add(summary));
        Proto("POST", "metrics/job/p1/instance/x", "protobuf counter", new MetricFamily("requests_total", MetricType.Counter, "Requests.") { HasHelp = true }
            .Add(new MetricPoint(Labels.FromStrings("code", "200"), 7)));
        Observe("after protobuf pushes");
        Proto("PUT", "metrics/job/p2", "protobuf type conflict", new MetricFamily("g", MetricType.Counter, "A gauge.") { HasHelp = true }
            .Add(new MetricPoint(Labels.FromStrings("k", "z"), 1)));
        Text("PUT", "metrics/job@base64/Zm9vL2Jhcg", "b64 1\n", "base64 job");
        Text("PUT", "metrics/job/j1/x@base64/=", "e 1\n", "empty label value via base64");
        Text("PUT", "metrics/job/j1/path@base64/L3Zhci90bXA", "p 1\n", "base64 value with slashes");
        Text("PUT", "metrics/job/j1/path@base64/L3Zhci90bXA=", "p 2\n", "base64 value with padding");
        Text("PUT", "metrics/job/a/odd", "o 1\n", "odd number of components");
        Text("PUT", "metrics/job/a/__x/1", "o 1\n", "reserved label name");
        Text("PUT", "metrics/job/a/x@base64/!!!", "o 1\n", "invalid base64");
        Text("PUT", "metrics/job@base64/!!", "o 1\n", "invalid base64 job");
        Text("PUT", "metrics/job/bad", "b{ 1\n", "syntax error");
        Text("PUT", "metrics/job/bad", "b{x=\"1\"} one\n", "bad value");
        Observe("after rejected pushes");
        Text("PUT", "metrics/job/dup", "d{instance=\"x\"} 1\n", "series for a later duplicate");
        Text("PUT", "metrics/job/dup/instance/x", "d 2\n", "duplicate series across groups");
        Text("PUT", "metrics/job/hist", "# HELP th Text histogram.\n# TYPE th histogram\nth_bucket{le=\"1\"} 1\nth_bucket{le=\"+Inf\"} 2\nth_sum 3\nth_count 2\n", "text histogram");
        Text("PUT", "metrics/job/sum", "# TYPE ts summary\nts{quantile=\"0.5\"} 1\nts_sum 2\nts_count 3\n", "text summary");
        Text("PUT", "metrics/job/cnt", "# TYPE tc counter\ntc_total 5\n", "counter sample with a different name");
        Text("PUT", "metrics/job/esc", "# HELP esc Help with \\\\ and \\n.\nesc{v=\"quote \\\" back \\\\ nl \\n ünï\"} 1\n", "escapes and unicode");
        Text("PUT", "metrics/job/special", "sp{k=\"nan\"} NaN\nsp{k=\"inf\"} +Inf\nsp{k=\"ninf\"} -Inf\nsp{k=\"big\"} 1e+300\n", "special values");
        Text("PUT", "metrics/job/gz", "gz 42\n", "gzip body", gzip: true);
        Observe("after more pushes");
        Text("POST", "metrics/job/j1", string.Empty, "POST with an empty body");
        Text("PUT", "metrics/job/j2/instance/i2", string.Empty, "PUT with an empty body");
        Text("POST", "metrics/job/p1", "# TYPE g counter\ng{k=\"v\"} 3\n", "POST changes the type within the only group using it");
        Observe("after empty pushes and a type change");
        Delete("metrics/job/j1", "DELETE a group");
        Delete("metrics/job/none", "DELETE an unknown group");
        Delete("metrics/job@base64/Zm9vL2Jhcg", "DELETE with base64 job");
        Delete("metrics/job/j1/x@base64/=", "DELETE the empty-value group");
        Text("PUT", "metrics/job/j3", "# TYPE a counter\na 1\n", "a formerly conflicting push");
        Observe("after deletes");
        Delete("metrics/job/j2/instance/i2", "DELETE the last untyped a");
        Delete("metrics/job/j4", "DELETE another");
        Text("PUT", "metrics/job/j3", "# TYPE a counter\na 1\n", "the counter push now succeeds");
        Observe("final state");
        return steps;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return memory.ToArray();
    }

    private sealed record Step(string Description, string Method, string Path, byte[]? Body, string? ContentType, bool Gzip, Check Check);
}
