using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Pharos.Alertmanager.Tests;

/// <summary>
/// A local HTTP endpoint on Kestrel that records every JSON body posted to <c>/{name}</c>; <c>/down</c> answers 503.
/// </summary>
internal sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(string Name, JsonElement Payload)> _received = [];

    private WebhookSink(WebApplication app) => _app = app;

    /// <summary>The base URL without trailing slash.</summary>
    public string Url => _app.Urls.First().TrimEnd('/');

    public static async Task<WebhookSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var sink = new WebhookSink(builder.Build());
        sink._app.MapPost("/down", context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        sink._app.MapPost("/{name}", async context =>
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body);
            lock (sink._received)
            {
                sink._received.Add(((string)context.Request.RouteValues["name"]!, doc.RootElement.Clone()));
            }
        });
        await sink._app.StartAsync();
        return sink;
    }

    /// <summary>The payloads posted to <c>/{name}</c> so far, in arrival order.</summary>
    public List<JsonElement> Received(string name)
    {
        lock (_received)
        {
            return [.. _received.Where(r => r.Name == name).Select(r => r.Payload)];
        }
    }

    /// <summary>Waits up to 30 seconds for the <paramref name="count"/>th payload to <c>/{name}</c>.</summary>
    public async Task<JsonElement> WaitAsync(string name, int count)
    {
        for (var i = 0; i < 300; i++)
        {
            var received = Received(name);
            if (received.Count >= count)
            {
                return received[count - 1];
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no payload #{count} to /{name} within 30 s");
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
