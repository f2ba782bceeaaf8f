using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Pharos.Client.AspNetCore;

/// <summary>
/// Counts and times requests by method, route template and status code. Label values come from a bounded set
/// (known methods, the application's route templates, status codes), so no request can create a series of its own.
/// </summary>
internal sealed class HttpMetricsMiddleware
{
    // The methods reported by name; any other method is folded into one value, as OpenTelemetry's HTTP conventions
    // do, since the method is client-controlled.
    private static readonly string[] KnownMethods =
    [
        HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete,
        HttpMethods.Patch, HttpMethods.Options, HttpMethods.Trace, HttpMethods.Connect,
    ];

    private const string OtherMethod = "_OTHER";

    private static readonly string[] StatusCodeStrings = CreateStatusCodeStrings();

    private readonly RequestDelegate _next;
    private readonly Counter _requests;
    private readonly Histogram _duration;
    private readonly Gauge _inProgress;
    private readonly bool _captureMetricsEndpoint;
    private readonly PathString[] _excludedPaths;
    private readonly string _unmatchedRoute;

    public HttpMetricsMiddleware(RequestDelegate next, HttpMetricsOptions options)
    {
        _next = next;
        var registry = options.Registry ?? Metrics.DefaultRegistry;
        _requests = registry.CreateCounter(
            HttpMetricNames.RequestsTotal,
            "Number of HTTP requests handled, by method, route template and status code.",
            HttpMetricNames.Method,
            HttpMetricNames.Route,
            HttpMetricNames.StatusCode);
        _duration = registry.CreateHistogram(
            HttpMetricNames.RequestDurationSeconds,
            "Time from receiving an HTTP request to finishing its response, in seconds.",
            new HistogramOptions
            {
                LabelNames = [HttpMetricNames.Method, HttpMetricNames.Route, HttpMetricNames.StatusCode],
                Buckets = options.DurationBuckets,
            });
        _inProgress = registry.CreateGauge(
            HttpMetricNames.RequestsInProgress,
            "Number of HTTP requests being handled, by method and route template.",
            HttpMetricNames.Method,
            HttpMetricNames.Route);
        _captureMetricsEndpoint = options.CaptureMetricsEndpoint;
        _excludedPaths = [.. options.ExcludedPaths];
        _unmatchedRoute = options.UnmatchedRoute ?? string.Empty;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsExcluded(context))
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        var method = NormaliseMethod(context.Request.Method);

        // The route is known here when routing ran earlier in the pipeline (WebApplication routes first by default);
        // otherwise in-progress requests are reported under the unmatched route.
        var inProgress = _inProgress.WithLabels(method, RouteOf(context.GetEndpoint()));
        inProgress.Inc();
        var started = Stopwatch.GetTimestamp();
        var statusCode = StatusCodes.Status500InternalServerError;
        try
        {
            await _next(context).ConfigureAwait(false);
            statusCode = context.Response.StatusCode;
        }
        catch when (context.Response.HasStarted)
        {
            // The status line is already on the wire; that is what the client saw.
            statusCode = context.Response.StatusCode;
            throw;
        }
        finally
        {
            inProgress.Dec();
            var endpoint = context.GetEndpoint();
            if (_captureMetricsEndpoint || endpoint?.Metadata.GetMetadata<MetricsEndpointMetadata>() is null)
            {
                var route = RouteOf(endpoint);
                var status = StatusCodeString(statusCode);
                _requests.WithLabels(method, route, status).Inc();
                _duration.WithLabels(method, route, status).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        }
    }

    private bool IsExcluded(HttpContext context)
    {
        if (!_captureMetricsEndpoint && context.GetEndpoint()?.Metadata.GetMetadata<MetricsEndpointMetadata>() is not null)
        {
            return true;
        }

        var path = context.Request.Path;
        foreach (var excluded in _excludedPaths)
        {
            if (path.StartsWithSegments(excluded, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private string RouteOf(Endpoint? endpoint)
    {
        if (endpoint is not RouteEndpoint { RoutePattern.RawText: { } template })
        {
            return _unmatchedRoute;
        }

        // Minimal APIs keep the leading slash ("/items/{id}"), attribute-routed controllers do not
        // ("api/items/{id}"); one spelling keeps dashboards and queries simple.
        return template.StartsWith('/') ? template : "/" + template;
    }

    private static string NormaliseMethod(string method)
    {
        foreach (var known in KnownMethods)
        {
            // HttpMethods.* are interned; Kestrel returns the same instances for the common methods.
            if (ReferenceEquals(method, known) || string.Equals(method, known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return OtherMethod;
    }

    private static string StatusCodeString(int statusCode) =>
        (uint)statusCode < (uint)StatusCodeStrings.Length
            ? StatusCodeStrings[statusCode]
            : statusCode.ToString(CultureInfo.InvariantCulture);

    private static string[] CreateStatusCodeStrings()
    {
        var strings = new string[600];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return strings;
    }
}
