using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Pharos.Web.Lifecycle;

/// <summary>
/// <c>/-/healthy</c>, <c>/-/ready</c>, <c>/-/reload</c> and <c>/-/quit</c> with upstream's texts: readiness is 503
/// during WAL replay; reload and quit answer 403 unless <c>--web.enable-lifecycle</c> is set.
/// </summary>
public static class LifecycleEndpoints
{
    /// <summary>Maps the lifecycle endpoints.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="options">The dependencies.</param>
    public static void Map(IEndpointRouteBuilder endpoints, PrometheusWebOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        endpoints.MapMethods("/-/healthy", ["GET", "HEAD"], context => Text(context, 200, "Prometheus Server is Healthy.\n"));
        endpoints.MapMethods("/-/ready", ["GET", "HEAD"], context => options.IsReady()
            ? Text(context, 200, "Prometheus Server is Ready.\n")
            : Text(context, 503, "Service Unavailable"));
        endpoints.MapMethods("/-/reload", ["POST", "PUT"], async context =>
        {
            if (!options.EnableLifecycle || options.Reload is null)
            {
                await Text(context, 403, "Lifecycle API is not enabled.").ConfigureAwait(false);
                return;
            }

            try
            {
                await options.Reload(context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await Text(context, 500, $"failed to reload config: {e.Message}\n").ConfigureAwait(false);
            }
        });
        endpoints.MapMethods("/-/quit", ["POST", "PUT"], async context =>
        {
            if (!options.EnableLifecycle || options.Quit is null)
            {
                await Text(context, 403, "Lifecycle API is not enabled.").ConfigureAwait(false);
                return;
            }

            await Text(context, 200, "Requesting termination... Goodbye!").ConfigureAwait(false);
            options.Quit();
        });
    }

    private static Task Text(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(text, context.RequestAborted);
    }
}
