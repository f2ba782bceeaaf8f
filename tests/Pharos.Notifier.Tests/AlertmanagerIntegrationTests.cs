using System.Net.Http.Json;
using System.Text.Json;
using Pharos.Config;
using Pharos.Model;
using Pharos.Testing;
using Pharos.Testing.Peers;

namespace Pharos.Notifier.Tests;

/// <summary>Sends alerts to Debian's real Alertmanager and reads them back through its API v2.</summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class AlertmanagerIntegrationTests
{
    private const string Binary = "/usr/bin/prometheus-alertmanager";

    [Fact]
    public async Task Alerts_sent_arrive_in_a_real_alertmanager_and_resolved_ones_resolve()
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: install Debian's prometheus-alertmanager package (./test.sh does as root).");
        var port = FreePort.Next();
        await using var am = PeerProcess.Start(
            Binary,
            dir =>
            {
                var config = Path.Combine(dir, "alertmanager.yml");
                File.WriteAllText(config, "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n");
                return
                [
                    $"--config.file={config}",
                    $"--storage.path={Path.Combine(dir, "data")}",
                    $"--web.listen-address=127.0.0.1:{port}",
                    "--cluster.listen-address=",
                ];
            },
            name: "alertmanager");
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        await am.WaitForHttpOkAsync(new Uri(baseUrl, "-/ready"), TimeSpan.FromSeconds(30));

        await using var notifier = new NotifierManager();
        var config = ConfigLoader.Load("alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['127.0.0.1:1']}]\n");
        notifier.ApplyConfig(config.Alerting, Labels.FromStrings("cluster", "test"));
        notifier.UpdateAlertmanagers(new Dictionary<string, IReadOnlyList<Labels>>
        {
            ["config-0"] = [Labels.FromStrings("__address__", $"127.0.0.1:{port}")],
        });
        Assert.Equal($"http://127.0.0.1:{port}/api/v2/alerts", Assert.Single(notifier.Active()).Url);

        var now = DateTimeOffset.UtcNow;
        var firing = new NotifierAlert(
            Labels.FromStrings("alertname", "PharosTest", "severity", "page"),
            Labels.FromStrings("summary", "it works"),
            now.AddMinutes(-1),
            now.AddHours(1),
            "http://pharos:9090/graph?g0.expr=up&g0.tab=1");
        notifier.Send([firing]);

        using var http = new HttpClient { BaseAddress = baseUrl };
        var received = await PollAsync(http, alerts => alerts.Count == 1);
        var alert = received[0];
        Assert.Equal("PharosTest", alert.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("test", alert.GetProperty("labels").GetProperty("cluster").GetString());
        Assert.Equal("it works", alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal("http://pharos:9090/graph?g0.expr=up&g0.tab=1", alert.GetProperty("generatorURL").GetString());
        Assert.Equal("active", alert.GetProperty("status").GetProperty("state").GetString());

        notifier.Send([firing with { EndsAt = DateTimeOffset.UtcNow.AddSeconds(-1) }]);
        var after = await PollAsync(http, alerts => alerts.Count == 0);
        Assert.Empty(after);
    }

    private static async Task<List<JsonElement>> PollAsync(HttpClient http, Func<List<JsonElement>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<JsonElement> alerts;
        do
        {
            alerts = await http.GetFromJsonAsync<List<JsonElement>>("api/v2/alerts") ?? [];
            if (done(alerts))
            {
                return alerts;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"Alertmanager never reached the expected state; last answer: {JsonSerializer.Serialize(alerts)}");
        return alerts;
    }
}
