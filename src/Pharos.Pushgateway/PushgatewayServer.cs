using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pharos.Exposition.Negotiation;
using Pharos.Exposition.Protobuf;
using Pharos.Exposition.Writers;
using Pharos.Hosting.Web;
using Pharos.Model;

namespace Pharos.Pushgateway;

/// <summary>
/// A running Pushgateway: the store, its persistence and the HTTP API on the shared web server. Tests start it
/// in-process; <c>pharos pushgateway</c> starts it and waits for SIGTERM/SIGINT.
/// </summary>
public sealed class PushgatewayServer : IAsyncDisposable
{
    /// <summary>The request header that sets a group's time to live for one push (Pharos extension).</summary>
    public const string TtlHeader = "X-Pushgateway-TTL";

    private readonly PushgatewayOptions _options;
    private readonly WebServer _web;
    private readonly Persister? _persister;
    private readonly PushgatewayMetrics _metrics;
    private readonly ILogger _logger;
    private readonly DateTimeOffset _startTime;
    private int _stopped;

    private PushgatewayServer(PushgatewayOptions options, WebServer web, MetricStore store, Persister? persister, PushgatewayMetrics metrics, ILogger logger, DateTimeOffset startTime)
    {
        _options = options;
        _web = web;
        Store = store;
        _persister = persister;
        _metrics = metrics;
        _logger = logger;
        _startTime = startTime;
    }

    /// <summary>The metric store.</summary>
    public MetricStore Store { get; }

    /// <summary>The first bound address including the route prefix, ending in a slash.</summary>
    public Uri BaseAddress
    {
        get
        {
            var root = _web.BoundAddresses[0];
            var prefix = _options.Web.RoutePrefix == "/" ? "/" : _options.Web.RoutePrefix + "/";
            return new Uri(root, prefix);
        }
    }

    /// <summary>Restores persisted state, starts listening and the persistence loop.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="loggerFactory">The logger factory (the caller keeps ownership).</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<PushgatewayServer> StartAsync(
        PushgatewayOptions options,
        ILoggerFactory loggerFactory,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        timeProvider ??= TimeProvider.System;
        var logger = loggerFactory.CreateLogger("pushgateway");
        var metrics = new PushgatewayMetrics(timeProvider);
        var store = new MetricStore(timeProvider, metrics.Collect, options.MetricsTtl);
        Persister? persister = null;
        if (options.PersistenceFile.Length > 0)
        {
            persister = new Persister(store, options.PersistenceFile, options.PersistenceInterval, timeProvider, logger);
            persister.Restore();
        }

        var web = WebServer.Create(options.Web, loggerFactory);
        var server = new PushgatewayServer(options, web, store, persister, metrics, logger, timeProvider.GetUtcNow());
        server.MapRoutes(web.App);
        await web.StartAsync(cancellationToken).ConfigureAwait(false);
        persister?.Start();
        logger.LogInformation("Pushgateway started {address}", options.Web.ListenAddress);
        return server;
    }

    /// <summary>Waits until SIGTERM/SIGINT, <c>PUT /-/quit</c> or <paramref name="cancellationToken"/>.</summary>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>A task that completes when a shutdown was requested.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) =>
        _web.App.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops serving, then writes the persistence file a last time.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _web.StopAsync().ConfigureAwait(false);
        if (_persister is not null)
        {
            await _persister.DisposeAsync().ConfigureAwait(false);
        }

        _logger.LogInformation("Pushgateway stopped");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _web.DisposeAsync().ConfigureAwait(false);
    }

    private void MapRoutes(WebApplication app)
    {
        app.MapMethods(_options.TelemetryPath, ["GET", "HEAD"], ServeMetricsAsync);
        foreach (var method in new[] { "PUT", "POST", "DELETE" })
        {
            app.MapMethods("/metrics/{**rest}", [method], Instrument(method == "DELETE" ? "delete" : "push", PushAsync));
        }

        app.MapGet("/api/v1/metrics", Instrument("api/v1/metrics", ApiMetricsAsync));
        app.MapGet("/api/v1/status", Instrument("api/v1/status", ApiStatusAsync));
        if (_options.EnableAdminApi)
        {
            app.MapPut("/api/v1/admin/wipe", Instrument("api/v1/admin/wipe", context =>
            {
                Store.Wipe();
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                return Task.CompletedTask;
            }));
        }

        if (_options.EnableLifecycle)
        {
            app.MapMethods("/-/quit", ["PUT", "POST"], Instrument("quit", async context =>
            {
                await context.Response.WriteAsync("Requesting termination... Goodbye!", context.RequestAborted).ConfigureAwait(false);
                app.Lifetime.StopApplication();
            }));
        }

        app.MapMethods("/-/healthy", ["GET", "HEAD"], Instrument("healthy", context => context.Response.WriteAsync("OK", context.RequestAborted)));
        app.MapMethods("/-/ready", ["GET", "HEAD"], Instrument("ready", context => context.Response.WriteAsync("OK", context.RequestAborted)));
        app.MapGet("/", Instrument("static", context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(StatusPage.Render(Store.Groups(), context.Request.PathBase.Value ?? string.Empty), context.RequestAborted);
        }));
    }

    private RequestDelegate Instrument(string handler, RequestDelegate inner) => async context =>
    {
        try
        {
            await inner(context).ConfigureAwait(false);
        }
        finally
        {
            _metrics.Requests.WithLabels(
                context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                handler,
                context.Request.Method.ToLowerInvariant()).Inc();
        }
    };

    private async Task PushAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var request = context.Request;
        var method = request.Method;

        // Go's router works on the decoded path, where an encoded slash separates segments too.
        var rest = (request.Path.Value ?? string.Empty)["/metrics/".Length..]
            .Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        if (!GroupingKey.TryParsePath(rest, out var key, out var error))
        {
            await ErrorAsync(context, error == "404 page not found" ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, error!).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsDelete(method))
        {
            Store.Write(new WriteRequest(key!, null, Replace: false));
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        TimeSpan? ttl = null;
        if (request.Headers.TryGetValue(TtlHeader, out var ttlHeader) && ttlHeader.ToString().Length > 0)
        {
            if (!PrometheusDuration.TryParse(ttlHeader.ToString(), out var parsed, out var problem))
            {
                await ErrorAsync(context, StatusCodes.Status400BadRequest, $"invalid {TtlHeader} header \"{ttlHeader}\": {problem}").ConfigureAwait(false);
                return;
            }

            ttl = parsed;
        }

        var (families, parseError) = await PushBody.ReadAsync(request, _options.MaxBodyBytes).ConfigureAwait(false);
        _metrics.PushSize.WithLabels(method.ToLowerInvariant()).Observe(request.ContentLength ?? 0);
        if (families is null)
        {
            _logger.LogDebug("Failed to parse push {source} {err}", context.Connection.RemoteIpAddress, parseError);
            await ErrorAsync(context, StatusCodes.Status400BadRequest, parseError!).ConfigureAwait(false);
            return;
        }

        var check = !_options.DisableConsistencyCheck;
        var problemText = Store.Write(new WriteRequest(key!, families, HttpMethods.IsPut(method), ttl), check);
        if (!check)
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        }
        else if (problemText is not null)
        {
            var message = "pushed metrics are invalid or inconsistent with existing metrics: " + problemText;
            _logger.LogError("Pushed metrics are invalid or inconsistent with existing metrics {method} {source} {err}", method, context.Connection.RemoteIpAddress, problemText);
            await ErrorAsync(context, StatusCodes.Status400BadRequest, message).ConfigureAwait(false);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
        }

        _metrics.PushDuration.WithLabels(method.ToLowerInvariant()).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private async Task ServeMetricsAsync(HttpContext context)
    {
        if (!Store.TryGather(out var families, out var error))
        {
            await ErrorAsync(context, StatusCodes.Status500InternalServerError, "An error has occurred while serving metrics:\n\n" + error).ConfigureAwait(false);
            return;
        }

        var negotiated = ExpositionNegotiator.Negotiate(context.Request.Headers.Accept.ToString());
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        string contentType;
        if (negotiated.Format == ResponseFormat.ProtobufDelimited)
        {
            ProtobufWriter.Write(buffer, families);
            contentType = negotiated.ContentType;
        }
        else
        {
            PrometheusTextWriter.Write(buffer, families);
            contentType = PrometheusTextWriter.ContentType;
        }

        await TelemetryEndpoint.WriteAsync(context, buffer.WrittenMemory, contentType).ConfigureAwait(false);
    }

    private async Task ApiMetricsAsync(HttpContext context)
    {
        SetCors(context.Response);
        context.Response.ContentType = "application/json";
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ApiJson.WriteMetrics(writer, Store.Groups());
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task ApiStatusAsync(HttpContext context)
    {
        SetCors(context.Response);
        context.Response.ContentType = "application/json";
        var buffer = new ArrayBufferWriter<byte>(4 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ApiJson.WriteStatus(writer, _options.FlagValues, _startTime);
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private static void SetCors(HttpResponse response)
    {
        response.Headers.AccessControlAllowHeaders = "Accept, Authorization, Content-Type, Origin";
        response.Headers.AccessControlAllowMethods = "GET, POST, DELETE, OPTIONS";
        response.Headers.AccessControlAllowOrigin = "*";
        response.Headers.AccessControlExposeHeaders = "Date";
        response.Headers.CacheControl = "no-cache, no-store, must-revalidate";
    }

    // As Go's http.Error: plain text and a trailing newline.
    private static Task ErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }
}
