using Pharos.Client.AspNetCore;

// In the namespace of the other Use* extensions, so `app.UseHttpMetrics()` needs no extra using.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the HTTP request metrics middleware.</summary>
public static class HttpMetricsApplicationBuilderExtensions
{
    /// <summary>
    /// Measures every request that passes this point of the pipeline: <c>http_requests_total</c> (counter),
    /// <c>http_request_duration_seconds</c> (histogram) with labels <c>method</c>, <c>route</c>, <c>status_code</c>,
    /// and <c>http_requests_in_progress</c> (gauge) with <c>method</c>, <c>route</c>. <c>route</c> is the matched
    /// endpoint's route template, so place the middleware after <c>UseRouting</c> when calling that explicitly
    /// (a <c>WebApplication</c> routes before any middleware by default). Requests to <c>MapMetrics</c> endpoints
    /// are not measured unless <see cref="HttpMetricsOptions.CaptureMetricsEndpoint"/> is set.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <param name="configure">Sets the options; called once.</param>
    /// <returns><paramref name="app"/>, for chaining.</returns>
    public static IApplicationBuilder UseHttpMetrics(this IApplicationBuilder app, Action<HttpMetricsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = new HttpMetricsOptions();
        configure?.Invoke(options);
        return app.UseMiddleware<HttpMetricsMiddleware>(options);
    }
}
