using System.Net;
using System.Text.Json;
using Pharos.Client;
using Pharos.Config;
using Pharos.Model;

namespace Pharos.Notifier.Tests;

public sealed class NotifierManagerTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-01-02T03:04:05.678Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Alerts_are_posted_as_api_v2_json_with_external_labels()
    {
        var handler = new RecordingHandler();
        await using var notifier = Create(handler, "alerting:\n  alertmanagers:\n    - path_prefix: /am/\n      static_configs: [{targets: ['a:9093']}]\n");

        notifier.Send([Alert("A", ("severity", "page"), ("cluster", "own"))]);
        var request = await handler.NextAsync();

        Assert.Equal("http://a:9093/am/api/v2/alerts", request.Url);
        var alert = Assert.Single(JsonDocument.Parse(request.Body).RootElement.EnumerateArray());
        Assert.Equal("""{"alertname":"A","cluster":"own","region":"eu","severity":"page"}""", alert.GetProperty("labels").GetRawText());
        Assert.Equal("""{"summary":"s"}""", alert.GetProperty("annotations").GetRawText());
        Assert.Equal("2026-01-02T03:04:05.678Z", alert.GetProperty("startsAt").GetString());
        Assert.Equal("2026-01-02T04:04:05.678Z", alert.GetProperty("endsAt").GetString());
        Assert.Equal("http://prom/graph", alert.GetProperty("generatorURL").GetString());
    }

    [Fact]
    public async Task Alert_relabeling_drops_and_rewrites_alerts_before_queueing_and_per_alertmanager_set()
    {
        var handler = new RecordingHandler();
        const string Yaml = """
            alerting:
              alert_relabel_configs:
                - {source_labels: [severity], regex: debug, action: drop}
              alertmanagers:
                - static_configs: [{targets: ['a:9093']}]
                  alert_relabel_configs:
                    - {target_label: via, replacement: set0}
            """;
        await using var notifier = Create(handler, Yaml);

        notifier.Send([Alert("Dropped", ("severity", "debug")), Alert("Kept", ("severity", "page"))]);
        var request = await handler.NextAsync();

        var alert = Assert.Single(JsonDocument.Parse(request.Body).RootElement.EnumerateArray());
        Assert.Equal("Kept", alert.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("set0", alert.GetProperty("labels").GetProperty("via").GetString());
    }

    [Fact]
    public async Task Alertmanagers_are_discovered_relabeled_and_dropped_as_upstream()
    {
        var handler = new RecordingHandler();
        const string Yaml = """
            alerting:
              alertmanagers:
                - scheme: https
                  relabel_configs:
                    - {source_labels: [__meta_role], regex: standby, action: drop}
                    - {source_labels: [__meta_port], target_label: __address__, regex: '(.+)', replacement: 'am:$1'}
            """;
        await using var notifier = Create(handler, Yaml, discover: false);

        notifier.UpdateAlertmanagers(new Dictionary<string, IReadOnlyList<Labels>>
        {
            ["config-0"] =
            [
                Labels.FromStrings("__address__", "x:1", "__meta_port", "9093"),
                Labels.FromStrings("__address__", "y:1", "__meta_role", "standby"),
                Labels.FromStrings("__address__", "z:1", "__meta_port", "9093"),
            ],
        });

        Assert.Equal(["https://am:9093/api/v2/alerts"], notifier.Active().Select(a => a.Url));
        Assert.Equal(["https://y:1/api/v2/alerts"], notifier.Dropped().Select(a => a.Url));
    }

    [Fact]
    public async Task Alerts_are_sent_in_batches_of_at_most_64()
    {
        var handler = new RecordingHandler { Block = new TaskCompletionSource() };
        await using var notifier = Create(handler, "alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['a:9093']}]\n");

        notifier.Send([.. Enumerable.Range(0, 150).Select(i => Alert($"A{i}"))]);
        handler.Block.SetResult();
        var sizes = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            sizes.Add(JsonDocument.Parse((await handler.NextAsync()).Body).RootElement.GetArrayLength());
        }

        Assert.Equal([64, 64, 22], sizes);
    }

    [Fact]
    public async Task A_full_queue_drops_the_oldest_alerts_and_counts_them()
    {
        var registry = new MetricRegistry();
        var handler = new RecordingHandler();
        await using var notifier = new NotifierManager(new NotifierOptions { QueueCapacity = 10, Registry = registry, HandlerFactory = _ => handler });

        // No Alertmanager is known yet, so everything stays queued.
        notifier.Send([.. Enumerable.Range(0, 8).Select(i => Alert($"A{i}"))]);
        notifier.Send([.. Enumerable.Range(8, 7).Select(i => Alert($"A{i}"))]);

        Assert.Equal(10, notifier.QueueLength);
        var metrics = System.Text.Encoding.UTF8.GetString(registry.ToArray());
        Assert.Contains("prometheus_notifications_dropped_total 5", metrics, StringComparison.Ordinal);
        Assert.Contains("prometheus_notifications_queue_length 10", metrics, StringComparison.Ordinal);
        Assert.Contains("prometheus_notifications_queue_capacity 10", metrics, StringComparison.Ordinal);

        notifier.ApplyConfig(ConfigLoader.Load("alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['a:9093']}]\n").Alerting, Labels.Empty);
        notifier.UpdateAlertmanagers(new Dictionary<string, IReadOnlyList<Labels>> { ["config-0"] = [Labels.FromStrings("__address__", "a:9093")] });
        var names = JsonDocument.Parse((await handler.NextAsync()).Body).RootElement.EnumerateArray()
            .Select(a => a.GetProperty("labels").GetProperty("alertname").GetString()).ToList();
        Assert.Equal(Enumerable.Range(5, 10).Select(i => $"A{i}"), names);
    }

    [Fact]
    public async Task Failed_sends_are_counted_as_errors_and_dropped()
    {
        var registry = new MetricRegistry();
        var handler = new RecordingHandler { Status = HttpStatusCode.InternalServerError };
        await using var notifier = Create(handler, "alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['a:9093']}]\n", registry: registry);

        notifier.Send([Alert("A"), Alert("B")]);
        await handler.NextAsync();
        await WaitUntil(() => System.Text.Encoding.UTF8.GetString(registry.ToArray()).Contains("prometheus_notifications_dropped_total 2", StringComparison.Ordinal));

        var metrics = System.Text.Encoding.UTF8.GetString(registry.ToArray());
        Assert.Contains("prometheus_notifications_errors_total{alertmanager=\"http://a:9093/api/v2/alerts\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("prometheus_notifications_sent_total{alertmanager=\"http://a:9093/api/v2/alerts\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("prometheus_notifications_alertmanagers_discovered 1", metrics, StringComparison.Ordinal);
    }

    private static NotifierManager Create(RecordingHandler handler, string yaml, bool discover = true, MetricRegistry? registry = null)
    {
        var notifier = new NotifierManager(new NotifierOptions { HandlerFactory = _ => handler, Registry = registry });
        notifier.ApplyConfig(ConfigLoader.Load(yaml).Alerting, Labels.FromStrings("region", "eu", "cluster", "external"));
        if (discover)
        {
            notifier.UpdateAlertmanagers(new Dictionary<string, IReadOnlyList<Labels>> { ["config-0"] = [Labels.FromStrings("__address__", "a:9093")] });
        }

        return notifier;
    }

    private static NotifierAlert Alert(string name, params (string Name, string Value)[] labels) => new(
        Labels.FromLabels(labels.Select(l => new Label(l.Name, l.Value)).Append(new Label("alertname", name))),
        Labels.FromStrings("summary", "s"),
        Start,
        Start.AddHours(1),
        "http://prom/graph");

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
