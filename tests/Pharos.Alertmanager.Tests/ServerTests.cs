using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Hosting.Web;

namespace Pharos.Alertmanager.Tests;

/// <summary>The HTTP API and notifications end to end, in-process, with a webhook endpoint on Kestrel.</summary>
public sealed class ServerTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pharos-am-").FullName;
    private WebhookSink? _sink;
    private AlertmanagerServer? _server;
    private HttpClient? _client;

    private AlertmanagerServer Server => _server!;

    private HttpClient Client => _client!;

    public async Task InitializeAsync()
    {
        _sink = await WebhookSink.StartAsync();
        var sinkUrl = _sink.Url;
        File.WriteAllText(Path.Combine(_dir, "am.yml"), $$"""
            global: {resolve_timeout: 1m}
            route:
              receiver: hook
              group_by: [alertname]
              group_wait: 1s
              group_interval: 2s
              repeat_interval: 1h
              routes:
                - matchers: [team=down]
                  receiver: down
            inhibit_rules:
              - source_matchers: [severity=critical]
                target_matchers: [severity=warning]
                equal: [alertname]
            receivers:
              - name: hook
                webhook_configs: [{url: '{{sinkUrl}}/hook'}]
              - name: down
                webhook_configs: [{url: '{{sinkUrl}}/down'}]
            """);
        await StartServerAsync();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_sink is not null)
        {
            await _sink.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Posted_alerts_reach_the_webhook_as_version_4_payloads()
    {
        await PostAlertsAsync("""[{"labels":{"alertname":"A","instance":"x"},"annotations":{"summary":"s"}}]""", HttpStatusCode.OK);
        var payload = await WaitForWebhookAsync(1);
        Assert.Equal("4", payload.GetProperty("version").GetString());
        Assert.Equal("hook", payload.GetProperty("receiver").GetString());
        Assert.Equal("firing", payload.GetProperty("status").GetString());
        Assert.Equal("{}:{alertname=\"A\"}", payload.GetProperty("groupKey").GetString());
        var alert = payload.GetProperty("alerts")[0];
        Assert.Equal("0001-01-01T00:00:00Z", alert.GetProperty("endsAt").GetString());
        Assert.Equal("s", payload.GetProperty("commonAnnotations").GetProperty("summary").GetString());
        Assert.Equal(16, alert.GetProperty("fingerprint").GetString()!.Length);
        Assert.Equal(0, payload.GetProperty("truncatedAlerts").GetInt32());
    }

    [Theory]
    [InlineData("""[{"labels":{"a":"b"},"startsAt":"2026-01-02T00:00:00Z","endsAt":"2026-01-01T00:00:00Z"}]""", "start time must be before end time")]
    [InlineData("""[{"labels":{}}]""", "at least one label pair required")]
    [InlineData("""[{"labels":{"1a":"b"}}]""", "invalid label set: invalid name \"1a\"")]
    public async Task Invalid_alerts_get_400_with_upstream_messages(string body, string message)
    {
        var text = await PostAlertsAsync(body, HttpStatusCode.BadRequest);
        Assert.Equal(message, JsonSerializer.Deserialize<string>(text));
    }

    [Fact]
    public async Task Silence_lifecycle_through_the_api()
    {
        var now = DateTimeOffset.UtcNow;
        var body = $$"""{"matchers":[{"name":"alertname","value":"S","isRegex":false,"isEqual":true}],"startsAt":"{{now:O}}","endsAt":"{{now.AddHours(1):O}}","createdBy":"me","comment":"c"}""";
        using var response = await Client.PostAsync("api/v2/silences", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("silenceID").GetString()!;
        await PostAlertsAsync("""[{"labels":{"alertname":"S"}}]""", HttpStatusCode.OK);
        var alerts = JsonDocument.Parse(await Client.GetStringAsync("api/v2/alerts?filter=alertname%3D%22S%22")).RootElement;
        Assert.Equal("suppressed", alerts[0].GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(id, alerts[0].GetProperty("status").GetProperty("silencedBy")[0].GetString());
        Assert.Equal(0, JsonDocument.Parse(await Client.GetStringAsync("api/v2/alerts?silenced=false&filter=alertname%3D%22S%22")).RootElement.GetArrayLength());

        var silence = JsonDocument.Parse(await Client.GetStringAsync($"api/v2/silence/{id}")).RootElement;
        Assert.Equal("active", silence.GetProperty("status").GetProperty("state").GetString());
        using (var delete = await Client.DeleteAsync($"api/v2/silence/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        silence = JsonDocument.Parse(await Client.GetStringAsync($"api/v2/silence/{id}")).RootElement;
        Assert.Equal("expired", silence.GetProperty("status").GetProperty("state").GetString());
        using var missing = await Client.GetAsync("api/v2/silence/00000000-0000-0000-0000-000000000000");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Silence_with_only_empty_matching_matchers_is_rejected()
    {
        var now = DateTimeOffset.UtcNow;
        var body = $$"""{"matchers":[{"name":"a","value":".*","isRegex":true,"isEqual":true}],"startsAt":"{{now:O}}","endsAt":"{{now.AddHours(1):O}}","createdBy":"me","comment":"c"}""";
        using var response = await Client.PostAsync("api/v2/silences", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("at least one matcher must not match the empty string", JsonSerializer.Deserialize<string>(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Inhibited_alert_is_reported_and_not_notified()
    {
        await PostAlertsAsync("""[{"labels":{"alertname":"I","severity":"critical"}},{"labels":{"alertname":"I","severity":"warning"}}]""", HttpStatusCode.OK);
        var payload = await WaitForWebhookAsync(1);
        Assert.Equal(1, payload.GetProperty("alerts").GetArrayLength());
        Assert.Equal("critical", payload.GetProperty("alerts")[0].GetProperty("labels").GetProperty("severity").GetString());
        var groups = JsonDocument.Parse(await Client.GetStringAsync("api/v2/alerts/groups")).RootElement;
        Assert.Equal("hook", groups[0].GetProperty("receiver").GetProperty("name").GetString());
        var inhibited = JsonDocument.Parse(await Client.GetStringAsync("api/v2/alerts?active=false")).RootElement;
        Assert.Equal("warning", inhibited[0].GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal(1, inhibited[0].GetProperty("status").GetProperty("inhibitedBy").GetArrayLength());
    }

    [Fact]
    public async Task Down_receiver_is_retried_and_counted_while_others_are_notified()
    {
        await PostAlertsAsync("""[{"labels":{"alertname":"D","team":"down"}},{"labels":{"alertname":"U"}}]""", HttpStatusCode.OK);
        await WaitForWebhookAsync(1);
        for (var i = 0; i < 100 && Server.Metrics.NotificationsFailed.WithLabels("webhook").Value == 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.True(Server.Metrics.NotificationsFailed.WithLabels("webhook").Value >= 1);
        Assert.True(Server.Metrics.NotificationRequestsFailed.WithLabels("webhook").Value >= 2);
        var metrics = await Client.GetStringAsync("metrics");
        Assert.Contains("alertmanager_notifications_failed_total{integration=\"webhook\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("alertmanager_build_info", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_keeps_silences_and_does_not_resend()
    {
        await PostAlertsAsync("""[{"labels":{"alertname":"R"}}]""", HttpStatusCode.OK);
        await WaitForWebhookAsync(1);
        var now = DateTimeOffset.UtcNow;
        var body = $$"""{"matchers":[{"name":"x","value":"y","isRegex":false,"isEqual":true}],"startsAt":"{{now:O}}","endsAt":"{{now.AddHours(1):O}}","createdBy":"me","comment":"c"}""";
        using (var r = await Client.PostAsync("api/v2/silences", new StringContent(body, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        await Server.DisposeAsync();
        _client!.Dispose();
        await StartServerAsync();
        Assert.Single(JsonDocument.Parse(await Client.GetStringAsync("api/v2/silences")).RootElement.EnumerateArray());
        await PostAlertsAsync("""[{"labels":{"alertname":"R"}}]""", HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Single(_sink!.Received("hook"));
    }

    [Fact]
    public async Task Bad_reload_keeps_the_running_config()
    {
        var path = Path.Combine(_dir, "am.yml");
        var good = File.ReadAllText(path);
        File.WriteAllText(path, "route: {receiver: nobody}\nreceivers: []\n");
        using (var r = await Client.PostAsync("-/reload", null))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, r.StatusCode);
            Assert.Contains("undefined receiver \"nobody\"", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(0, Server.Metrics.ConfigLastReloadSuccessful.Value);
        Assert.Equal("hook", Server.Config.Route.Receiver);
        File.WriteAllText(path, good);
        using (var r = await Client.PostAsync("-/reload", null))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        Assert.Equal(1, Server.Metrics.ConfigLastReloadSuccessful.Value);
        var status = JsonDocument.Parse(await Client.GetStringAsync("api/v2/status")).RootElement;
        Assert.Contains("receiver: hook", status.GetProperty("config").GetProperty("original").GetString(), StringComparison.Ordinal);
        Assert.Equal("hook", JsonDocument.Parse(await Client.GetStringAsync("api/v2/receivers")).RootElement[0].GetProperty("name").GetString());
    }

    private async Task StartServerAsync()
    {
        _server = await AlertmanagerServer.StartAsync(
            new AlertmanagerOptions
            {
                Web = new WebOptions(ListenAddress.Parse("127.0.0.1:0"), null, string.Empty, new Uri("http://am.example/"), "/"),
                ConfigFile = Path.Combine(_dir, "am.yml"),
                StoragePath = Path.Combine(_dir, "data"),
            },
            NullLoggerFactory.Instance);
        _client = new HttpClient { BaseAddress = _server.BaseAddress };
    }

    private async Task<string> PostAlertsAsync(string body, HttpStatusCode expected)
    {
        using var response = await Client.PostAsync("api/v2/alerts", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, text);
        return text;
    }

    private Task<JsonElement> WaitForWebhookAsync(int count) => _sink!.WaitAsync("hook", count);
}
