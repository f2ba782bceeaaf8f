using System.Net.Http.Json;
using System.Text.Json;
using Pharos.Testing.Peers;

namespace Pharos.Web.Tests.Ui;

/// <summary>
/// The server the browser tests run the UI against: a real Prometheus (Debian's) scraping itself every second, plus a
/// job whose target answers 404 and a rule file with a recording rule and an always-firing alert, behind a
/// <see cref="UiTestHost"/> that serves our embedded UI and forwards the API. Started once per test class.
/// </summary>
public sealed class UiBackend : IAsyncLifetime
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    private readonly string _rulesDirectory = Directory.CreateTempSubdirectory("pharos-ui-rules-").FullName;
    private PrometheusPeer? _prometheus;
    private UiTestHost? _root;
    private UiTestHost? _prefixed;

    /// <summary>The UI served at the root path.</summary>
    public Uri Ui => _root!.BaseAddress;

    /// <summary>The same UI served under the route prefix <c>/prefix</c>.</summary>
    public Uri PrefixedUi => _prefixed!.BaseAddress;

    /// <summary>The API server (for expected values).</summary>
    public Uri Api => _prometheus!.BaseAddress;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var rules = Path.Combine(_rulesDirectory, "rules.yml");
        await File.WriteAllTextAsync(rules, """
            groups:
              - name: ui-test
                interval: 1s
                rules:
                  - record: job:up:sum
                    expr: sum by (job) (up)
                  - alert: AlwaysFiring
                    expr: vector(1) > 0
                    labels:
                      severity: page
                    annotations:
                      summary: An alert that always fires
            """);
        // The peer picks its port when it starts, so targets come from files written once it runs (file discovery
        // also gives the service-discovery page __meta_filepath labels to show).
        var self = Path.Combine(_rulesDirectory, "self.json");
        var broken = Path.Combine(_rulesDirectory, "broken.json");
        var config = $$"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files: ['{{rules}}']
            scrape_configs:
              - job_name: prometheus
                file_sd_configs: [{ files: ['{{self}}'], refresh_interval: 1s }]
              - job_name: broken
                metrics_path: /does-not-exist
                file_sd_configs: [{ files: ['{{broken}}'], refresh_interval: 1s }]
              - job_name: dropped
                static_configs:
                  - targets: ['127.0.0.1:1']
                relabel_configs:
                  - action: drop
                    source_labels: [__address__]
                    regex: .*
            """;
        _prometheus = await PrometheusPeer.StartAsync(config);
        var target = $"[{{\"targets\": [\"127.0.0.1:{_prometheus.Port}\"], \"labels\": {{\"env\": \"test\"}}}}]";
        await File.WriteAllTextAsync(self, target);
        await File.WriteAllTextAsync(broken, target);
        _root = await UiTestHost.StartAsync(_prometheus.BaseAddress);
        _prefixed = await UiTestHost.StartAsync(_prometheus.BaseAddress, pathBase: "/prefix");
        await WaitUntilAsync(async () =>
        {
            var targets = await ApiDataAsync("targets");
            var active = targets.GetProperty("activeTargets").EnumerateArray().ToList();
            return active.Count == 2 && active.All(t => t.GetProperty("health").GetString() != "unknown");
        }, "both targets scraped once");
    }

    /// <summary>Reads <c>/api/v1/&lt;path&gt;</c> from the API server and returns its data.</summary>
    /// <param name="pathAndQuery">The path below <c>api/v1/</c>, with its query string.</param>
    /// <returns>The <c>data</c> element.</returns>
    public async Task<JsonElement> ApiDataAsync(string pathAndQuery)
    {
        var body = await Http.GetFromJsonAsync<JsonElement>(new Uri(Api, "api/v1/" + pathAndQuery));
        return body.GetProperty("data").Clone();
    }

    /// <summary>Polls <paramref name="condition"/> every 200 ms for up to 30 s.</summary>
    /// <param name="condition">What to wait for.</param>
    /// <param name="what">Named in the timeout message.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(200);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_prefixed is not null)
        {
            await _prefixed.DisposeAsync();
        }

        if (_root is not null)
        {
            await _root.DisposeAsync();
        }

        if (_prometheus is not null)
        {
            await _prometheus.DisposeAsync();
        }

        Directory.Delete(_rulesDirectory, recursive: true);
    }
}
