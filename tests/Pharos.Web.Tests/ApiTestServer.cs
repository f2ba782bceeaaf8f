using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Pharos.Model;
using Pharos.PromQL.Engine;
using Pharos.Storage;

namespace Pharos.Web.Tests;

/// <summary>
/// The web layer over an in-memory storage on a test server, at a fixed clock. The storage holds three series
/// sampled every 15 s for the 5 minutes before <see cref="NowMs"/>.
/// </summary>
internal sealed class ApiTestServer : IAsyncDisposable
{
    /// <summary>The clock of every test: 2023-11-14T22:13:20Z.</summary>
    public const long NowMs = 1_700_000_000_000;

    private readonly WebApplication _app;
    private readonly PromQLEngine _engine;

    private ApiTestServer(WebApplication app, PromQLEngine engine, MemoryStorage storage)
    {
        _app = app;
        _engine = engine;
        Storage = storage;
        Client = app.GetTestClient();
    }

    public MemoryStorage Storage { get; }

    public HttpClient Client { get; }

    public static MemoryStorage SampleStorage()
    {
        var storage = new MemoryStorage();
        var times = Enumerable.Range(0, 21).Select(i => NowMs - 300_000 + (i * 15_000)).ToArray();
        storage.Load(Labels.FromStrings("__name__", "up", "job", "prometheus", "instance", "a:9090"), times.Select(t => (t, 1.0)));
        storage.Load(Labels.FromStrings("__name__", "up", "job", "node", "instance", "b:9100"), times.Select(t => (t, 0.0)));
        storage.Load(Labels.FromStrings("__name__", "http_requests_total", "job", "api", "code", "200"), times.Select((t, i) => (t, i * 10.0)));
        return storage;
    }

    public static async Task<ApiTestServer> StartAsync(Func<MemoryStorage, PromQLEngine, PrometheusWebOptions>? configure = null)
    {
        var storage = SampleStorage();
        var engine = new PromQLEngine();
        var options = configure?.Invoke(storage, engine) ?? Options(storage, engine);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseRouting();
        app.UsePrometheusWeb(options);
        app.MapPrometheusWeb(options);
        await app.StartAsync();
        return new ApiTestServer(app, engine, storage);
    }

    public static PrometheusWebOptions Options(MemoryStorage storage, PromQLEngine engine) => new()
    {
        Queryable = storage,
        Engine = engine,
        TimeProvider = new FixedTime(DateTimeOffset.FromUnixTimeMilliseconds(NowMs)),
    };

    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<(int Status, string Body)> PostFormAsync(string path, params (string Name, string Value)[] form)
    {
        using var content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var response = await Client.PostAsync(path, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        _engine.Dispose();
    }

    public sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
