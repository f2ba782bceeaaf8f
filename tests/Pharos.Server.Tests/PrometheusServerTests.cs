using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Hosting.Web;
using Pharos.Testing;

namespace Pharos.Server.Tests;

[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class PrometheusServerTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pharos-server-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly int _port = FreePort.Next();
    private PrometheusServer _server = null!;

    private string ConfigPath => Path.Combine(_dir.FullName, "prometheus.yml");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(ConfigPath, $"""
            global:
              scrape_interval: 1s
              external_labels:
                cluster: test
            scrape_configs:
              - job_name: self
                static_configs:
                  - targets: ["127.0.0.1:{_port}"]
            """);
        var options = new ServerOptions
        {
            ConfigFile = ConfigPath,
            StoragePath = Path.Combine(_dir.FullName, "data"),
            Web = new WebOptions(ListenAddress.Parse($"127.0.0.1:{_port}"), null, string.Empty, new Uri($"http://127.0.0.1:{_port}/"), "/"),
            EnableLifecycle = true,
            EnableAdminApi = true,
            Flags = new Dictionary<string, string> { ["config.file"] = ConfigPath },
        };
        _server = await PrometheusServer.StartAsync(options, NullLoggerFactory.Instance);
        await _server.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task The_server_scrapes_itself_and_answers_queries_about_it()
    {
        var body = await PollAsync("api/v1/query?query=up", b => b.Contains("\"value\":[", StringComparison.Ordinal));
        Assert.Matches("\\{\"__name__\":\"up\",\"instance\":\"127.0.0.1:\\d+\",\"job\":\"self\"\\},\"value\":\\[[0-9.]+,\"1\"\\]", body);
        var metrics = await _http.GetStringAsync(Url("metrics"));
        Assert.Contains("prometheus_build_info{", metrics, StringComparison.Ordinal);
        Assert.Contains("prometheus_config_last_reload_successful 1", metrics, StringComparison.Ordinal);
        Assert.Contains("prometheus_http_requests_total{code=\"200\",handler=\"/api/v1/query\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("prometheus_tsdb_head_series ", metrics, StringComparison.Ordinal);
        var federated = await _http.GetStringAsync(Url("federate?match[]=up"));
        Assert.Matches("(?m)^up\\{instance=\"127.0.0.1:\\d+\",job=\"self\",cluster=\"test\"\\} 1 \\d+$", federated);
    }

    [Fact]
    public async Task A_bad_configuration_on_reload_keeps_the_old_one_and_is_reported()
    {
        var good = await File.ReadAllTextAsync(ConfigPath);
        await File.WriteAllTextAsync(ConfigPath, "scrape_configs:\n  - job_name: [\n");
        using var failed = await _http.PostAsync(Url("-/reload"), null);
        Assert.Equal(500, (int)failed.StatusCode);
        Assert.StartsWith("failed to reload config: ", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("prometheus_config_last_reload_successful 0", await _http.GetStringAsync(Url("metrics")), StringComparison.Ordinal);
        Assert.Contains("job_name: self", await _http.GetStringAsync(Url("api/v1/status/config")), StringComparison.Ordinal);

        await File.WriteAllTextAsync(ConfigPath, good.Replace("job_name: self", "job_name: renamed", StringComparison.Ordinal));
        using var reloaded = await _http.PostAsync(Url("-/reload"), null);
        Assert.Equal(200, (int)reloaded.StatusCode);
        Assert.Contains("job_name: renamed", await _http.GetStringAsync(Url("api/v1/status/config")), StringComparison.Ordinal);
        Assert.Contains("prometheus_config_last_reload_successful 1", await _http.GetStringAsync(Url("metrics")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_snapshot_writes_a_snapshot_directory()
    {
        await PollAsync("api/v1/query?query=up", b => b.Contains("\"value\":[", StringComparison.Ordinal));
        using var response = await _http.PostAsync(Url("api/v1/admin/tsdb/snapshot"), null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        var name = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("name").GetString()!;
        Assert.Matches("^\\d{8}T\\d{6}Z-[0-9a-f]{16}$", name);
        Assert.True(Directory.Exists(Path.Combine(_dir.FullName, "data", "snapshots", name)));
    }

    [Fact]
    public async Task Targets_show_the_scrape_pool_and_health()
    {
        var body = await PollAsync("api/v1/targets", b => b.Contains("\"health\":\"up\"", StringComparison.Ordinal));
        Assert.Contains("\"scrapePool\":\"self\"", body, StringComparison.Ordinal);
        Assert.Contains("\"scrapeInterval\":\"1s\"", body, StringComparison.Ordinal);
    }

    private Uri Url(string path) => new(_server.BaseAddress, path);

    private async Task<string> PollAsync(string path, Func<string, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var body = await _http.GetStringAsync(Url(path));
            if (done(body))
            {
                return body;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), path + " never satisfied the condition: " + body);
            await Task.Delay(200);
        }
    }
}
