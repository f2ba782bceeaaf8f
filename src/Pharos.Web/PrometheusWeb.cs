using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Pharos.Client;
using Pharos.Web.Api;
using Pharos.Web.Federation;
using Pharos.Web.Lifecycle;

namespace Pharos.Web;

/// <summary>
/// Wires the Prometheus web surface onto an ASP.NET Core application: <c>/api/v1/*</c>, <c>/federate</c> and the
/// lifecycle endpoints, with upstream's middleware around them (request body limit, CORS for the API, gzip when
/// the client accepts it, <c>prometheus_http_*</c> instrumentation per handler).
/// </summary>
public static class PrometheusWeb
{
    // Upstream's prometheus_http_request_duration_seconds buckets.
    private static readonly double[] DurationBuckets = [0.1, 0.2, 0.4, 1, 3, 8, 20, 60, 120];

    private static readonly double[] SizeBuckets = [100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>Adds the middleware; call before mapping routes.</summary>
    /// <param name="app">The application (routing already enabled).</param>
    /// <param name="options">The dependencies.</param>
    public static void UsePrometheusWeb(this IApplicationBuilder app, PrometheusWebOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        var cors = new Regex("^(?:" + options.CorsOrigin + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var requests = options.Registry?.CreateCounter("prometheus_http_requests_total", "Counter of HTTP requests.", "code", "handler");
        var durations = options.Registry?.CreateHistogram(
            "prometheus_http_request_duration_seconds",
            "Histogram of latencies for HTTP requests.",
            new HistogramOptions { LabelNames = ["handler"], Buckets = DurationBuckets });
        var sizes = options.Registry?.CreateHistogram(
            "prometheus_http_response_size_bytes",
            "Histogram of response size for HTTP requests.",
            new HistogramOptions { LabelNames = ["handler"], Buckets = SizeBuckets });
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = options.MaxRequestBodyBytes;
            }

            var path = context.Request.Path;
            if (context.Request.ContentLength > options.MaxRequestBodyBytes)
            {
                await RejectBodyAsync(context, path).ConfigureAwait(false);
                return;
            }

            if (path.StartsWithSegments("/api/v1") && context.Request.Headers.Origin is { Count: > 0 } origin && cors.IsMatch(origin.ToString()))
            {
                var headers = context.Response.Headers;
                headers.AccessControlAllowHeaders = "Accept, Authorization, Content-Type, Origin";
                headers.AccessControlAllowMethods = "GET, POST, OPTIONS";
                headers.AccessControlAllowOrigin = origin.ToString();
                headers.AccessControlExposeHeaders = "Date";
                if (HttpMethods.IsOptions(context.Request.Method))
                {
                    return;
                }
            }

            var counting = new CountingStream(context.Response.Body);
            context.Response.Body = counting;
            GZipStream? gzip = null;
            if (context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase) && !path.StartsWithSegments("/metrics"))
            {
                context.Response.Headers.ContentEncoding = "gzip";
                context.Response.Headers.Vary = "Accept-Encoding";
                gzip = new GZipStream(counting, CompressionLevel.Fastest, leaveOpen: true);
                context.Response.Body = gzip;
            }

            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                if (gzip is not null)
                {
                    if (context.Response.StatusCode == StatusCodes.Status204NoContent)
                    {
                        context.Response.Headers.ContentEncoding = default;
                    }

                    await gzip.DisposeAsync().ConfigureAwait(false);
                }

                context.Response.Body = counting.Inner;
                if (requests is not null)
                {
                    var handler = HandlerName(context);
                    requests.WithLabels(context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), handler).Inc();
                    durations!.WithLabels(handler).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
                    sizes!.WithLabels(handler).Observe(counting.Written);
                }
            }
        });
    }

    /// <summary>Maps <c>/api/v1/*</c>, <c>/federate</c> and the lifecycle endpoints.</summary>
    /// <param name="endpoints">The route builder (relative to the route prefix).</param>
    /// <param name="options">The dependencies.</param>
    /// <returns>The API, for callers that need its handlers.</returns>
    public static ApiV1 MapPrometheusWeb(this IEndpointRouteBuilder endpoints, PrometheusWebOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        var api = new ApiV1(options);
        api.Map(endpoints);
        var federation = new FederationEndpoint(options);
        endpoints.MapMethods("/federate", ["GET", "POST"], federation.HandleAsync);
        LifecycleEndpoints.Map(endpoints, options);
        return api;
    }

    private static Task RejectBodyAsync(HttpContext context, PathString path)
    {
        const string Message = "http: request body too large";
        if (path.StartsWithSegments("/api/v1"))
        {
            return ApiV1.WriteErrorAsync(context.Response, ApiErrorType.BadData, "error parsing form values: " + Message);
        }

        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return context.Response.WriteAsync(Message + "\n", context.RequestAborted);
    }

    // Upstream labels requests by route (/api/v1/label/:name/values); unmatched requests share one label.
    private static string HandlerName(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint route && route.RoutePattern.RawText is { } raw)
        {
            var text = raw.Replace("{name}", ":name", StringComparison.Ordinal).Replace("{**path}", "*path", StringComparison.Ordinal);
            return text.StartsWith('/') ? text : "/" + text;
        }

        return "other";
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public Stream Inner { get; } = inner;

        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position
        {
            get => Written;
            set => throw new NotSupportedException();
        }

        public override void Flush() => Inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => Inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Written += count;
            Inner.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written += buffer.Length;
            return Inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Written += count;
            return Inner.WriteAsync(buffer, offset, count, cancellationToken);
        }
    }
}
