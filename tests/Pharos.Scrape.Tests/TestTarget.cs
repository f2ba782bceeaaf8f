using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pharos.Scrape.Tests;

/// <summary>
/// A scrape target on 127.0.0.1 (Kestrel on a free port) whose next responses the test sets: body, content type,
/// status, gzip or a delay. Records the last request's headers.
/// </summary>
internal sealed class TestTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile Response _response = new("", "text/plain; version=0.0.4", 200, false, TimeSpan.Zero);

    private TestTarget(WebApplication app) => _app = app;

    public string Address { get; private set; } = "";

    public Dictionary<string, string> LastRequestHeaders { get; private set; } = [];

    public string? LastQuery { get; private set; }

    public int Requests;

    public static async Task<TestTarget> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var target = new TestTarget(app);
        app.Run(target.HandleAsync);
        await app.StartAsync();
        var uri = new Uri(app.Urls.First());
        target.Address = $"127.0.0.1:{uri.Port}";
        return target;
    }

    public void Serve(string body, string contentType = "text/plain; version=0.0.4", int status = 200, bool gzip = false, TimeSpan delay = default) =>
        _response = new Response(body, contentType, status, gzip, delay);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref Requests);
        // Kestrel reuses the header collection after the request: copy it.
        LastRequestHeaders = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        LastQuery = context.Request.QueryString.Value;
        var r = _response;
        if (r.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(r.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = r.Status;
        if (r.ContentType.Length > 0)
        {
            context.Response.ContentType = r.ContentType;
        }

        var bytes = Encoding.UTF8.GetBytes(r.Body);
        if (r.Gzip)
        {
            using var ms = new MemoryStream();
            using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
            {
                gz.Write(bytes);
            }

            bytes = ms.ToArray();
            context.Response.Headers.ContentEncoding = "gzip";
        }

        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    private sealed record Response(string Body, string ContentType, int Status, bool Gzip, TimeSpan Delay);
}
