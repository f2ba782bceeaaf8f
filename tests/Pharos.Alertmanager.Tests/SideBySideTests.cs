using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Hosting.Web;
using Pharos.Testing;
using Pharos.Testing.Peers;

namespace Pharos.Alertmanager.Tests;

/// <summary>Pharos next to Debian's Alertmanager and Prometheus, with a webhook sink on Kestrel recording what each sends.</summary>
[Trait("Category", "Integration")]
public sealed class SideBySideTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pharos-am-sbs-").FullName;
    private WebhookSink? _sink;
    private string _sinkUrl = "";

    public async Task InitializeAsync()
    {
        _sink = await WebhookSink.StartAsync();
        _sinkUrl = _sink.Url;
    }

    public async Task DisposeAsync()
    {
        if (_sink is not null)
        {
            await _sink.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Notification_sequence_matches_upstream_alertmanager()
    {
        const string Config = """
            route:
              receiver: team
              group_by: [alertname]
              group_wait: 1s
              group_interval: 2s
              repeat_interval: 1h
              routes:
                - matchers: ['severity="page"']
                  receiver: pager
                  continue: true
            receivers:
              - name: team
                webhook_configs: [{url: 'SINK/WHO'}]
              - name: pager
                webhook_configs: [{url: 'SINK/WHO', send_resolved: false}]
            """;
        var upstreamPort = FreePort.Next();
        await using var upstream = PeerProcess.Start(
            "/usr/bin/prometheus-alertmanager",
            dir =>
            {
                var path = Path.Combine(dir, "am.yml");
                File.WriteAllText(path, Config.Replace("SINK", _sinkUrl, StringComparison.Ordinal).Replace("WHO", "upstream", StringComparison.Ordinal));
                return [$"--config.file={path}", $"--storage.path={Path.Combine(dir, "data")}", $"--web.listen-address=127.0.0.1:{upstreamPort}", "--cluster.listen-address="];
            },
            name: "alertmanager");
        var upstreamUrl = new Uri($"http://127.0.0.1:{upstreamPort}/");
        await upstream.WaitForHttpOkAsync(new Uri(upstreamUrl, "-/ready"), TimeSpan.FromSeconds(30));
        var configPath = Path.Combine(_dir, "am.yml");
        File.WriteAllText(configPath, Config.Replace("SINK", _sinkUrl, StringComparison.Ordinal).Replace("WHO", "pharos", StringComparison.Ordinal));
        await using var pharos = await StartPharosAsync(configPath);
        using var http = new HttpClient();

        async Task PostBothAsync(string body)
        {
            foreach (var url in new[] { upstreamUrl, pharos.BaseAddress })
            {
                using var response = await http.PostAsync(new Uri(url, "api/v2/alerts"), new StringContent(body, Encoding.UTF8, "application/json"));
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            }
        }

        var start = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O");
        await PostBothAsync($$"""[{"labels":{"alertname":"Disk","instance":"a","severity":"page"},"startsAt":"{{start}}"},{"labels":{"alertname":"Disk","instance":"b"},"startsAt":"{{start}}"},{"labels":{"alertname":"Cpu","instance":"a"},"startsAt":"{{start}}"}]""");
        await Task.Delay(TimeSpan.FromSeconds(4));
        var end = DateTimeOffset.UtcNow.ToString("O");
        await PostBothAsync($$"""[{"labels":{"alertname":"Disk","instance":"a","severity":"page"},"startsAt":"{{start}}","endsAt":"{{end}}"}]""");
        await Task.Delay(TimeSpan.FromSeconds(6));

        var upstreamSequence = Sequence("upstream");
        Assert.NotEmpty(upstreamSequence);
        Assert.Equal(upstreamSequence, Sequence("pharos"));
    }

    [Fact]
    public async Task Prometheus_alerts_are_grouped_and_delivered_by_pharos()
    {
        var configPath = Path.Combine(_dir, "am.yml");
        File.WriteAllText(configPath, $$"""
            route:
              receiver: hook
              group_by: [alertname]
              group_wait: 1s
              group_interval: 2s
              repeat_interval: 1h
            receivers:
              - name: hook
                webhook_configs: [{url: '{{_sinkUrl}}/pharos'}]
            """);
        await using var pharos = await StartPharosAsync(configPath);
        var rules = Path.Combine(_dir, "rules.yml");
        File.WriteAllText(rules, "groups:\n- name: g\n  interval: 1s\n  rules:\n  - alert: AlwaysFiring\n    expr: vector(1)\n    labels: {severity: none}\n    annotations: {summary: always}\n");
        var port = pharos.BaseAddress.Port;
        await using var prometheus = await PrometheusPeer.StartAsync($$"""
            global: {evaluation_interval: 1s}
            rule_files: ['{{rules}}']
            alerting:
              alertmanagers:
                - static_configs: [{targets: ['127.0.0.1:{{port}}']}]
                  api_version: v2
            """,
            // The first send can precede the discovery of the Alertmanager; resend every second, not every minute.
            ["--rules.alert.resend-delay=1s"]);
        JsonElement? payload = null;
        try
        {
            payload = await _sink!.WaitAsync("pharos", 1);
        }
        catch (TimeoutException)
        {
            // Reported below with the peers' state.
        }

        Assert.True(payload is not null, $"received {pharos.Metrics.AlertsReceived.WithLabels("firing", "v2").Value} alerts, stored {pharos.Alerts.Count}; prometheus: {prometheus.Process.Output}");
        Assert.Equal("4", payload.Value.GetProperty("version").GetString());
        Assert.Equal("{}:{alertname=\"AlwaysFiring\"}", payload.Value.GetProperty("groupKey").GetString());
        var alert = payload.Value.GetProperty("alerts")[0];
        Assert.Equal("always", alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Contains("/graph?g0.expr=", alert.GetProperty("generatorURL").GetString(), StringComparison.Ordinal);
    }

    private static Task<AlertmanagerServer> StartPharosAsync(string configPath) =>
        AlertmanagerServer.StartAsync(
            new AlertmanagerOptions
            {
                Web = new WebOptions(ListenAddress.Parse("127.0.0.1:0"), null, string.Empty, new Uri("http://127.0.0.1/"), "/"),
                ConfigFile = configPath,
                StoragePath = Path.Combine(Path.GetDirectoryName(configPath)!, "data"),
            },
            NullLoggerFactory.Instance);

    // Each notification as receiver, group key and firing/resolved counts, ordered within a receiver and group.
    private List<string> Sequence(string who) =>
        [.. _sink!.Received(who)
            .Select(p => (Key: $"{p.GetProperty("receiver").GetString()} {p.GetProperty("groupKey").GetString()}", Counts: Counts(p)))
            .GroupBy(n => n.Key)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.Select(n => $"{n.Key} {n.Counts}"))];

    private static string Counts(JsonElement payload)
    {
        var statuses = payload.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("status").GetString()).ToList();
        return $"firing={statuses.Count(s => s == "firing")} resolved={statuses.Count(s => s == "resolved")}";
    }
}
