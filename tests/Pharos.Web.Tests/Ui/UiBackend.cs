using System.Net.Http.Json;
using System.Text.Json;
using Pharos.Testing;
using Pharos.Testing.Peers;

namespace Pharos.Web.Tests.Ui;

/// <summary>
/// The servers the browser tests run the UI against: our own <c>pharos server</c> (serving the UI it embeds) scraping
/// itself every second, plus a job whose target answers 404 and a job whose only target relabeling drops. Started
/// once per test class; a server under a route prefix and an upstream Prometheus evaluating rules start on demand.
/// </summary>
public sealed class UiBackend : IAsyncLifetime
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    private readonly string _directory = Directory.CreateTempSubdirectory("pharos-ui-").FullName;
    private readonly List<IAsyncDisposable> _owned = [];
    private Uri? _ui;

    /// <summary>The UI (and API) of <c>pharos server</c> at the root path.</summary>
    public Uri Ui => _ui!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _ui = await StartPharosServerAsync(routePrefix: null);
        await WaitUntilAsync(async () =>
        {
            var targets = await ApiDataAsync(_ui, "targets");
            var active = targets.GetProperty("activeTargets").EnumerateArray().ToList();
            return active.Count == 2 && active.All(t => t.GetProperty("health").GetString() != "unknown");
        }, "both targets scraped once");
    }

    /// <summary>Starts another <c>pharos server</c> with <c>--web.route-prefix=/prefix</c>; returns its UI address.</summary>
    /// <returns>The UI address, ending in <c>/prefix/</c>.</returns>
    public Task<Uri> StartPrefixedAsync() => StartPharosServerAsync("/prefix");

    /// <summary>
    /// Starts Debian's Prometheus with a rule file holding an always-firing alert, behind a <see cref="UiTestHost"/>
    /// serving our UI. NOTE: used by the alert page test until <c>pharos server</c> evaluates rules.
    /// </summary>
    /// <returns>The UI address and the API address.</returns>
    public async Task<(Uri Ui, Uri Api)> StartUpstreamWithRulesAsync()
    {
        var rules = Path.Combine(_directory, "rules.yml");
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
        var prometheus = await PrometheusPeer.StartAsync($"""
            global:
              evaluation_interval: 1s
            rule_files: ['{rules}']
            """);
        _owned.Add(prometheus);
        var host = await UiTestHost.StartAsync(prometheus.BaseAddress);
        _owned.Add(host);
        return (host.BaseAddress, prometheus.BaseAddress);
    }

    private async Task<Uri> StartPharosServerAsync(string? routePrefix)
    {
        var port = FreePort.Next();
        var directory = Path.Combine(_directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        var targets = Path.Combine(directory, "targets.json");
        var config = Path.Combine(directory, "prometheus.yml");
        // File discovery gives the service-discovery page __meta_filepath labels to show.
        await File.WriteAllTextAsync(targets, $$$"""[{"targets": ["127.0.0.1:{{{port}}}"], "labels": {"env": "test"}}]""");
        var prefix = routePrefix ?? string.Empty;
        await File.WriteAllTextAsync(config, $$"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: prometheus
                metrics_path: {{prefix}}/metrics
                file_sd_configs: [{ files: ['{{targets}}'], refresh_interval: 1s }]
              - job_name: broken
                metrics_path: /does-not-exist
                file_sd_configs: [{ files: ['{{targets}}'], refresh_interval: 1s }]
              - job_name: dropped
                static_configs:
                  - targets: ['127.0.0.1:1']
                relabel_configs:
                  - action: drop
                    source_labels: [__address__]
                    regex: .*
            """);
        var process = DotnetHost.Start(
            PharosDll(),
            [
                "server",
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
                .. routePrefix is null ? Array.Empty<string>() : [$"--web.route-prefix={routePrefix}"],
            ],
            name: "pharos-server");
        _owned.Add(process);
        var ui = new Uri($"http://127.0.0.1:{port}{prefix}/");
        await process.WaitForHttpOkAsync(new Uri(ui, "-/ready"), TimeSpan.FromSeconds(60), CancellationToken.None);
        return ui;
    }

    private static string PharosDll()
    {
        // tests/Pharos.Web.Tests/bin/<configuration>/<tfm>/ → src/Pharos.Cli/bin/<configuration>/<tfm>/pharos.dll
        var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return RepositoryPaths.InRepository("src", "Pharos.Cli", "bin", tfmDir.Parent!.Name, tfmDir.Name, "pharos.dll");
    }

    /// <summary>Reads <c>/api/v1/&lt;path&gt;</c> from a server and returns its data.</summary>
    /// <param name="server">The server's base address (with its route prefix).</param>
    /// <param name="pathAndQuery">The path below <c>api/v1/</c>, with its query string.</param>
    /// <returns>The <c>data</c> element.</returns>
    public static async Task<JsonElement> ApiDataAsync(Uri server, string pathAndQuery)
    {
        var body = await Http.GetFromJsonAsync<JsonElement>(new Uri(server, "api/v1/" + pathAndQuery));
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
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
