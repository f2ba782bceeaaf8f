using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pharos.Client;

namespace Pharos.Hosting.Web;

/// <summary>
/// The <c>--web.telemetry-path</c> endpoint of a component: exposes a <see cref="MetricRegistry"/> in the format the
/// scraper's Accept header negotiates (Prometheus text, OpenMetrics or delimited protobuf), gzip-compressed when the
/// scraper accepts it, as client_golang's <c>promhttp.Handler</c>.
/// </summary>
public static class TelemetryEndpoint
{
    /// <summary>Maps GET (and HEAD) <paramref name="path"/> to the registry's exposition.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="path">The path, e.g. <c>/metrics</c>.</param>
    /// <param name="registry">The registry to expose.</param>
    /// <returns>The endpoint convention builder.</returns>
    public static IEndpointConventionBuilder MapTelemetry(this IEndpointRouteBuilder endpoints, string path, MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(registry);
        return endpoints.MapMethods(path, ["GET", "HEAD"], context =>
        {
            var format = ExpositionFormats.Negotiate(context.Request.Headers.Accept.ToString());
            return WriteAsync(context, registry.ToArray(format), format);
        });
    }

    /// <summary>Writes an already encoded exposition with its Content-Type, gzip-compressed when accepted.</summary>
    /// <param name="context">The request.</param>
    /// <param name="body">The encoded exposition.</param>
    /// <param name="format">The encoding of <paramref name="body"/>.</param>
    /// <returns>A task that completes when written.</returns>
    public static Task WriteAsync(HttpContext context, byte[] body, ExpositionFormat format) =>
        WriteAsync(context, body, ExpositionFormats.GetContentType(format));

    /// <summary>Writes an encoded exposition with a Content-Type, gzip-compressed when the client accepts it.</summary>
    /// <param name="context">The request.</param>
    /// <param name="body">The encoded exposition.</param>
    /// <param name="contentType">The Content-Type header value.</param>
    /// <returns>A task that completes when written.</returns>
    public static async Task WriteAsync(HttpContext context, ReadOnlyMemory<byte> body, string contentType)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        response.ContentType = contentType;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        if (context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            response.Headers.ContentEncoding = "gzip";
            var gzip = new GZipStream(response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await using (gzip.ConfigureAwait(false))
            {
                await gzip.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            }

            return;
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
