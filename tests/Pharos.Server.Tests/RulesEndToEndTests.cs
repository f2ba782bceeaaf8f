using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Hosting.Web;
using Pharos.Testing;
using Pharos.Testing.Peers;

namespace Pharos.Server.Tests;

/// <summary>
/// <c>pharos server</c> evaluating an always-firing alert and sending it to Debian's real Alertmanager.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class RulesEndToEndTests : IAsyncLifetime
{
    private const string AlertmanagerBinary = "/usr/bin/prometheus-alertmanager";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pharos-rules-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly int _port = FreePort.Next();
    private readonly int _amPort = FreePort.Next();
    private PeerProcess? _alertmanager;
    private PrometheusServer? _server;

    private string ConfigPath => Path.Combine(_dir.FullName, "prometheus.yml");

    private Uri AlertmanagerUrl => new($"http://127.0.0.1:{_amPort}/");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(AlertmanagerBinary), $"{AlertmanagerBinary} is missing: install Debian's prometheus-alertmanager package (./test.sh does as root).");
        _alertmanager = PeerProcess.Start(
            AlertmanagerBinary,
            dir =>
            {
                var config = Path.Combine(dir, "alertmanager.yml");
                File.WriteAllText(config, "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n");
                return
                [
                    $"--config.file={config}",
                    $"--storage.path={Path.Combine(dir, "data")}",
                    $"--web.listen-address=127.0.0.1:{_amPort}",
                    "--cluster.listen-address=",
                ];
            },
            name: "alertmanager");
        await _alertmanager.WaitForHttpOkAsync(new Uri(AlertmanagerUrl, "-/ready"), TimeSpan.FromSeconds(30));

        Directory.CreateDirectory(Path.Combine(_dir.FullName, "rules"));
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "rules", "always.yml"), """
            groups:
              - name: always
                rules:
                  - alert: AlwaysFiring
                    expr: vector(1) > 0
                    for: 0s
                    labels:
                      severity: page
                    annotations:
                      summary: "value is {{ $value }}"
            """);
        await File.WriteAllTextAsync(ConfigPath, $"""
            global:
              evaluation_interval: 1s
              external_labels:
                cluster: test
            rule_files:
              - rules/*.yml
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ["127.0.0.1:{_amPort}"]
            """);
        var options = new ServerOptions
        {
            ConfigFile = ConfigPath,
            StoragePath = Path.Combine(_dir.FullName, "data"),
            Web = new WebOptions(ListenAddress.Parse($"127.0.0.1:{_port}"), null, string.Empty, new Uri($"http://127.0.0.1:{_port}/"), "/"),
            EnableLifecycle = true,
            ResendDelay = TimeSpan.FromSeconds(1),
            Flags = new Dictionary<string, string> { ["config.file"] = ConfigPath },
        };
        _server = await PrometheusServer.StartAsync(options, NullLoggerFactory.Instance);
        await _server.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_alertmanager is not null)
        {
            await _alertmanager.DisposeAsync();
        }

        _http.Dispose();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task An_always_true_alert_is_healthy_firing_and_arrives_in_a_real_alertmanager()
    {
        var rules = await PollJsonAsync(Url("api/v1/rules"), d => d.GetProperty("groups").EnumerateArray().Any(g => g.GetProperty("rules")[0].GetProperty("state").GetString() == "firing"));
        var group = Assert.Single(rules.GetProperty("groups").EnumerateArray());
        Assert.Equal("always", group.GetProperty("name").GetString());
        Assert.EndsWith(Path.Combine("rules", "always.yml"), group.GetProperty("file").GetString(), StringComparison.Ordinal);
        var rule = Assert.Single(group.GetProperty("rules").EnumerateArray());
        Assert.Equal("AlwaysFiring", rule.GetProperty("name").GetString());
        Assert.Equal("ok", rule.GetProperty("health").GetString());
        Assert.Equal("alerting", rule.GetProperty("type").GetString());

        var alerts = await PollJsonAsync(Url("api/v1/alerts"), d => d.GetProperty("alerts").GetArrayLength() == 1);
        var alert = Assert.Single(alerts.GetProperty("alerts").EnumerateArray());
        Assert.Equal("firing", alert.GetProperty("state").GetString());
        Assert.Equal("AlwaysFiring", alert.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("value is 1", alert.GetProperty("annotations").GetProperty("summary").GetString());

        var managers = await PollJsonAsync(Url("api/v1/alertmanagers"), d => d.GetProperty("activeAlertmanagers").GetArrayLength() == 1);
        Assert.Equal($"http://127.0.0.1:{_amPort}/api/v2/alerts", managers.GetProperty("activeAlertmanagers")[0].GetProperty("url").GetString());

        var received = await PollAlertmanagerAsync(a => a.Count == 1);
        var labels = received[0].GetProperty("labels");
        Assert.Equal("AlwaysFiring", labels.GetProperty("alertname").GetString());
        Assert.Equal("page", labels.GetProperty("severity").GetString());
        Assert.Equal("test", labels.GetProperty("cluster").GetString());
        Assert.Equal("active", received[0].GetProperty("status").GetProperty("state").GetString());
        Assert.StartsWith($"http://127.0.0.1:{_port}/graph?g0.expr=", received[0].GetProperty("generatorURL").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_rule_file_on_reload_fails_the_reload_and_keeps_the_old_rules()
    {
        await PollJsonAsync(Url("api/v1/rules"), d => d.GetProperty("groups").GetArrayLength() == 1);
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "rules", "broken.yml"), "groups:\n  - name: broken\n    rules:\n      - record: x\n        expr: sum(\n");
        using var failed = await _http.PostAsync(Url("-/reload"), null);
        Assert.Equal(500, (int)failed.StatusCode);
        Assert.Contains("broken.yml", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var rules = await GetDataAsync(Url("api/v1/rules"));
        Assert.Equal("always", Assert.Single(rules.GetProperty("groups").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_query_log_file_set_on_reload_records_later_queries_relative_to_the_config_directory()
    {
        var config = await File.ReadAllTextAsync(ConfigPath);
        await File.WriteAllTextAsync(ConfigPath, config.Replace("global:\n", "global:\n  query_log_file: queries.log\n", StringComparison.Ordinal));
        using var reloaded = await _http.PostAsync(Url("-/reload"), null);
        Assert.Equal(200, (int)reloaded.StatusCode);
        await GetDataAsync(Url("api/v1/query?query=vector(42)"));
        var log = Path.Combine(_dir.FullName, "queries.log");
        var logged = await PollAsync(() => File.ReadAllTextAsync(log), text => text.Contains("vector(42)", StringComparison.Ordinal), log);
        Assert.Contains("\"query\":\"vector(42)\"", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_rule_file_fails_the_start_with_the_file_named()
    {
        var dir = Directory.CreateTempSubdirectory("pharos-rules-bad-");
        try
        {
            var config = Path.Combine(dir.FullName, "prometheus.yml");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "bad.yml"), "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum(\n");
            await File.WriteAllTextAsync(config, "rule_files: [bad.yml]\n");
            var port = FreePort.Next();
            var options = new ServerOptions
            {
                ConfigFile = config,
                StoragePath = Path.Combine(dir.FullName, "data"),
                Web = new WebOptions(ListenAddress.Parse($"127.0.0.1:{port}"), null, string.Empty, new Uri($"http://127.0.0.1:{port}/"), "/"),
            };
            var error = await Assert.ThrowsAsync<Pharos.Rules.Files.RuleFileException>(() => PrometheusServer.StartAsync(options, NullLoggerFactory.Instance));
            Assert.Contains("bad.yml", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private Uri Url(string path) => new($"http://127.0.0.1:{_port}/{path}");

    private async Task<JsonElement> GetDataAsync(Uri url)
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync(url));
        return doc.RootElement.GetProperty("data").Clone();
    }

    private Task<JsonElement> PollJsonAsync(Uri url, Func<JsonElement, bool> done) =>
        PollAsync(() => GetDataAsync(url), done, url.ToString());

    private Task<List<JsonElement>> PollAlertmanagerAsync(Func<List<JsonElement>, bool> done) =>
        PollAsync(async () => await _http.GetFromJsonAsync<List<JsonElement>>(new Uri(AlertmanagerUrl, "api/v2/alerts")) ?? [], done, "the Alertmanager's alerts");

    private static async Task<T> PollAsync<T>(Func<Task<T>> fetch, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        T last;
        do
        {
            last = await fetch();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"{what} never reached the expected state; last answer: {JsonSerializer.Serialize(last)}");
        return last;
    }
}
