using System.Net;
using System.Text;
using Pharos.Client.Push;
using Pharos.Testing;

namespace Pharos.Client.Tests;

[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class PushgatewayClientTests
{
    public static TheoryData<string, (string Name, string Value)[], string> Paths => new()
    {
        { "batch", [], "/metrics/job/batch" },
        { "batch", [("instance", "db1")], "/metrics/job/batch/instance/db1" },
        { "batch", [("instance", "db1"), ("zone", "eu")], "/metrics/job/batch/instance/db1/zone/eu" },
        // A slash would split the path segment: the value is sent as unpadded URL-safe base64.
        { "batch", [("path", "/var/tmp")], "/metrics/job/batch/path@base64/L3Zhci90bXA" },
        { "a/b", [], "/metrics/job@base64/YS9i" },
        // Empty values cannot be a path segment: "=" stands for the empty string.
        { "batch", [("instance", "")], "/metrics/job/batch/instance@base64/=" },
        { "batch", [("name", "with space")], "/metrics/job/batch/name/with%20space" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void The_group_path_encodes_job_and_grouping_labels(string job, (string Name, string Value)[] grouping, string path)
    {
        var client = new PushgatewayClient(new Uri("http://127.0.0.1:9091"), job);
        foreach (var (name, value) in grouping)
        {
            client.WithGrouping(name, value);
        }

        Assert.Equal(path, client.GroupPath);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Push_add_and_delete_send_the_upstream_method_path_and_body(string method)
    {
        var port = FreePort.Next();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var registry = new MetricRegistry();
        registry.CreateCounter("batch_runs_total", "Runs.").Inc();
        var client = new PushgatewayClient(new Uri($"http://127.0.0.1:{port}/"), "nightly")
        {
            Format = ExpositionFormat.PrometheusText,
        }.WithGrouping("instance", "a/b");

        var received = ReceiveOneAsync(listener, HttpStatusCode.OK);
        var send = method switch
        {
            "PUT" => client.PushAsync(registry),
            "POST" => client.AddAsync(registry),
            _ => client.DeleteAsync(),
        };
        await send;
        var request = await received;

        Assert.Equal(method, request.Method);
        Assert.Equal("/metrics/job/nightly/instance@base64/YS9i", request.Path);
        if (method == "DELETE")
        {
            Assert.Equal("", request.Body);
        }
        else
        {
            Assert.Equal("text/plain; version=0.0.4; charset=utf-8", request.ContentType);
            Assert.Equal("# HELP batch_runs_total Runs.\n# TYPE batch_runs_total counter\nbatch_runs_total 1\n", request.Body);
        }
    }

    [Fact]
    public async Task Pushes_default_to_delimited_protobuf()
    {
        var port = FreePort.Next();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var registry = new MetricRegistry();
        registry.CreateGauge("last_success_seconds", "").Set(5);

        var received = ReceiveOneAsync(listener, HttpStatusCode.Accepted);
        await new PushgatewayClient(new Uri($"http://127.0.0.1:{port}"), "j").PushAsync(registry);
        var request = await received;

        Assert.Equal(ExpositionFormats.ProtobufContentType, request.ContentType);
        Assert.Equal(["name: \"last_success_seconds\" type: 1 metric { gauge { value: 5 } }"], ProtobufDecoder.DecodeDelimited(request.RawBody));
    }

    [Fact]
    public async Task A_rejected_push_throws_with_the_gateway_message()
    {
        var port = FreePort.Next();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();

        var received = ReceiveOneAsync(listener, HttpStatusCode.BadRequest, "pushed metrics are invalid");
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => new PushgatewayClient(new Uri($"http://127.0.0.1:{port}"), "j").PushAsync(new MetricRegistry()));
        await received;

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("pushed metrics are invalid", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("job")]
    [InlineData("__name__")]
    [InlineData("bad-name")]
    public void Invalid_grouping_label_names_are_rejected(string name) =>
        Assert.Throws<ArgumentException>(() => new PushgatewayClient(new Uri("http://127.0.0.1:9091"), "j").WithGrouping(name, "v"));

    private static async Task<ReceivedRequest> ReceiveOneAsync(HttpListener listener, HttpStatusCode status, string responseBody = "")
    {
        var context = await listener.GetContextAsync();
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var request = new ReceivedRequest(
            context.Request.HttpMethod,
            context.Request.RawUrl ?? "",
            context.Request.ContentType,
            body.ToArray());
        context.Response.StatusCode = (int)status;
        var bytes = Encoding.UTF8.GetBytes(responseBody);
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
        return request;
    }

    private sealed record ReceivedRequest(string Method, string Path, string? ContentType, byte[] RawBody)
    {
        public string Body => Encoding.UTF8.GetString(RawBody);
    }
}
