using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace Pharos.Client.AspNetCore.Tests;

/// <summary>A minimal application on an in-memory test server, with its own registry so tests do not share metrics.</summary>
internal sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApp(WebApplication app, MetricRegistry registry)
    {
        _app = app;
        Registry = registry;
        Client = app.GetTestClient();
    }

    public MetricRegistry Registry { get; }

    public HttpClient Client { get; }

    public static async Task<TestApp> StartAsync(Action<WebApplication, MetricRegistry> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var registry = new MetricRegistry();
        configure(app, registry);
        await app.StartAsync();
        return new TestApp(app, registry);
    }

    /// <summary>The registry in the Prometheus text format.</summary>
    public string Exposition() => System.Text.Encoding.UTF8.GetString(Registry.ToArray(ExpositionFormat.PrometheusText));

    /// <summary>The sample lines of the exposition whose name is <paramref name="metric"/>.</summary>
    public string[] Samples(string metric) =>
        [.. Exposition().Split('\n').Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) || l.StartsWith(metric + " ", StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
