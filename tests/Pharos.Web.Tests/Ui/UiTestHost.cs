using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pharos.Testing;
using Pharos.Web.Ui;

namespace Pharos.Web.Tests.Ui;

/// <summary>
/// A small web host for UI tests: serves the embedded UI (optionally under a path base, as <c>--web.route-prefix</c>
/// does) and forwards <c>/api/v1/*</c> to a real Prometheus, so the pages run against upstream's API shapes.
/// </summary>
public sealed class UiTestHost : IAsyncDisposable
{
    private static readonly HttpClient Forward = new(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = System.Net.DecompressionMethods.All })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    private readonly WebApplication _app;

    private UiTestHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the UI lives, ending in a slash (including the path base).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts the host on a free 127.0.0.1 port.</summary>
    /// <param name="api">The server the API calls go to (its base address).</param>
    /// <param name="pathBase">A route prefix such as <c>/prefix</c>, or empty.</param>
    /// <param name="externalUrl">Passed to <see cref="UiEndpointRouteBuilderExtensions.MapPharosUi(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, Uri?)"/>.</param>
    /// <returns>The running host.</returns>
    public static async Task<UiTestHost> StartAsync(Uri? api, string pathBase = "", Uri? externalUrl = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        if (pathBase.Length > 0)
        {
            app.UsePathBase(pathBase);
        }

        app.UseRouting();
        app.MapPharosUi(externalUrl);
        if (api is not null)
        {
            app.Map("/api/v1/{**rest}", (HttpContext context) => ForwardAsync(context, api));
        }

        await app.StartAsync().ConfigureAwait(false);
        return new UiTestHost(app, new Uri($"http://127.0.0.1:{port}{pathBase}/"));
    }

    private static async Task ForwardAsync(HttpContext context, Uri api)
    {
        var target = new Uri(api, $"api/v1{context.Request.Path.Value![7..]}{context.Request.QueryString}");
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (context.Request.ContentLength > 0 || context.Request.HasFormContentType)
        {
            request.Content = new StreamContent(context.Request.Body);
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        using var response = await Forward.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
