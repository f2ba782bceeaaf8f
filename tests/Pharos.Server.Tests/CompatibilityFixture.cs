using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Hosting.Web;
using Pharos.Testing;
using Pharos.Testing.Peers;

namespace Pharos.Server.Tests;

/// <summary>
/// Pharos and Debian's prometheus scraping the same static target (fixed metrics, 1 s interval) for the same
/// time, so that both hold the same series and any query answer can be compared between the two.
/// </summary>
public sealed class CompatibilityFixture : IAsyncLifetime
{
    /// <summary>The exposition the shared target serves on every scrape.</summary>
    public const string Exposition = """
        # HELP fixed_metric A metric whose values never change.
        # TYPE fixed_metric gauge
        fixed_metric{kind="a"} 1
        fixed_metric{kind="b"} 2.5
        fixed_metric{kind="c"} -3

        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pharos-compat-");
    private readonly HttpListener _target = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _serving = Task.CompletedTask;
    private PrometheusServer? _pharos;
    private PrometheusPeer? _prometheus;

    /// <summary>Pharos' base URL, ending in a slash.</summary>
    public Uri Pharos => _pharos!.BaseAddress;

    /// <summary>Prometheus' base URL, ending in a slash.</summary>
    public Uri Prometheus => _prometheus!.BaseAddress;

    /// <summary>Unix seconds shortly before the end of the scraped window; both servers have samples around it.</summary>
    public long End { get; private set; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var targetPort = FreePort.Next();
        _target.Prefixes.Add($"http://127.0.0.1:{targetPort}/");
        _target.Start();
        _serving = ServeAsync(_stop.Token);

        var config = PrometheusPeer.StaticScrapeConfig("fixed", [$"127.0.0.1:{targetPort}"], TimeSpan.FromSeconds(1));
        var configPath = Path.Combine(_dir.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(configPath, config);
        var port = FreePort.Next();
        _pharos = await PrometheusServer.StartAsync(
            new ServerOptions
            {
                ConfigFile = configPath,
                StoragePath = Path.Combine(_dir.FullName, "data"),
                Web = new WebOptions(ListenAddress.Parse($"127.0.0.1:{port}"), null, string.Empty, new Uri($"http://127.0.0.1:{port}/"), "/"),
            },
            NullLoggerFactory.Instance);
        await _pharos.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        _prometheus = await PrometheusPeer.StartAsync(config);

        // Prometheus starts after Pharos, so once it has scraped 24 times both hold the last ~23 s. Queries look at
        // most 16 s back from a point 2 s ago (a step-aligned range start 11 s back with a 5 s window), so neither
        // the first scrapes nor a still in-flight one change answers.
        await _prometheus.WaitForScrapesAsync(24, "fixed", TimeSpan.FromSeconds(60));
        End = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 2;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _prometheus?.Dispose();
        if (_pharos is not null)
        {
            await _pharos.DisposeAsync();
        }

        await _stop.CancelAsync();
        _target.Stop();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _target.Close();
        _stop.Dispose();
        _dir.Delete(recursive: true);
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(Exposition);
        while (!cancellationToken.IsCancellationRequested)
        {
            var context = await _target.GetContextAsync();
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body, cancellationToken);
            context.Response.Close();
        }
    }
}
