using System.Buffers;
using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Pharos.Client.AspNetCore;

/// <summary>The request handler behind <c>MapMetrics</c>: negotiation, serialisation, optional gzip.</summary>
internal sealed class MetricsEndpoint(MetricRegistry registry, MetricsEndpointOptions options)
{
    // Per-scrape buffers start at this size; a typical small app's exposition fits.
    private const int InitialBufferBytes = 16 * 1024;

    private readonly string? _formatParameter = options.FormatQueryParameter;
    private readonly bool _enableGzip = options.EnableGzip;

    public async Task HandleAsync(HttpContext context)
    {
        if (!TryChooseFormat(context.Request, out var format, out var error))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(error, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        // Serialise completely before touching the response, so a failing collector becomes a clean 500 from the
        // host's exception handling rather than a truncated body with a 200 status.
        var buffer = new ArrayBufferWriter<byte>(InitialBufferBytes);
        registry.Write(buffer, format);

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ExpositionFormats.GetContentType(format);
        response.Headers.Append(HeaderNames.Vary, "Accept, Accept-Encoding");
        response.Headers.CacheControl = "no-store";
        if (_enableGzip && AcceptsGzip(context.Request))
        {
            response.Headers.ContentEncoding = "gzip";
            if (HttpMethods.IsHead(context.Request.Method))
            {
                return;
            }

            var gzip = new GZipStream(response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await using (gzip.ConfigureAwait(false))
            {
                await gzip.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
            }
        }
        else
        {
            response.ContentLength = buffer.WrittenCount;
            if (HttpMethods.IsHead(context.Request.Method))
            {
                return;
            }

            await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private bool TryChooseFormat(HttpRequest request, out ExpositionFormat format, out string error)
    {
        error = string.Empty;
        if (_formatParameter is not null && request.Query.TryGetValue(_formatParameter, out var requested))
        {
            switch (requested.ToString().ToLowerInvariant())
            {
                case "text":
                    format = ExpositionFormat.PrometheusText;
                    return true;
                case "openmetrics":
                    format = ExpositionFormat.OpenMetricsText;
                    return true;
                case "protobuf":
                    format = ExpositionFormat.Protobuf;
                    return true;
                default:
                    format = default;
                    error = $"Unknown value '{requested}' of query parameter '{_formatParameter}'; use text, openmetrics or protobuf.\n";
                    return false;
            }
        }

        format = ExpositionFormats.Negotiate((IEnumerable<string?>)request.Headers.Accept);
        return true;
    }

    private static bool AcceptsGzip(HttpRequest request)
    {
        // Parsed rather than substring-matched so that "gzip;q=0" (explicitly refused) is honoured.
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var encodings))
        {
            return false;
        }

        foreach (var encoding in encodings)
        {
            if (encoding.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && encoding.Quality is null or > 0)
            {
                return true;
            }
        }

        return false;
    }
}
