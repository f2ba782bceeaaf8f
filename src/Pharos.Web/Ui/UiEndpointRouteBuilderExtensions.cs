using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Pharos.Web.Ui;

/// <summary>
/// Maps the embedded web UI: <c>index.html</c> for each page path, <c>/graph</c> and <c>/</c> redirecting to
/// <c>/query</c> (as upstream 3 does), and the hashed files under <c>/assets/</c> with long cache lifetimes.
/// </summary>
public static class UiEndpointRouteBuilderExtensions
{
    /// <summary>The page paths the single-page app handles; each serves <c>index.html</c>.</summary>
    public static IReadOnlyList<string> PagePaths { get; } =
    [
        "/query", "/alerts", "/rules", "/targets", "/service-discovery", "/config", "/flags", "/status", "/tsdb-status",
    ];

    // The token in web/index.html's <base href> that becomes the path prefix the browser sees.
    private const string PathPrefixPlaceholder = "PATH_PREFIX_PLACEHOLDER";

    /// <summary>
    /// Maps the UI's routes. Routes are relative to the route prefix, which the host strips into
    /// <see cref="HttpRequest.PathBase"/> (<c>--web.route-prefix</c>); the page's <c>&lt;base href&gt;</c> is the
    /// path of <paramref name="externalUrl"/> when it has one (a reverse proxy that adds a path), else the request's
    /// path base, so assets, API calls and links resolve under either flag.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="externalUrl"><c>--web.external-url</c>; null or a root path uses the route prefix.</param>
    /// <returns>The route builder, for chaining.</returns>
    public static IEndpointRouteBuilder MapPharosUi(this IEndpointRouteBuilder endpoints, Uri? externalUrl = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPharosUi(UiAssets.Embedded, externalUrl);
    }

    internal static IEndpointRouteBuilder MapPharosUi(this IEndpointRouteBuilder endpoints, UiAssets assets, Uri? externalUrl)
    {
        var externalPath = externalUrl?.AbsolutePath.TrimEnd('/') ?? string.Empty;
        var index = assets.TryGet("index.html", out var indexAsset) ? Encoding.UTF8.GetString(indexAsset.Content) : null;

        endpoints.MapGet("/", (HttpContext context) => Results.Redirect($"{context.Request.PathBase}/query"));
        endpoints.MapGet("/graph", (HttpContext context) =>
            Results.Redirect($"{context.Request.PathBase}/query{context.Request.QueryString}"));
        foreach (var path in PagePaths)
        {
            endpoints.MapGet(path, (HttpContext context) => ServeIndexAsync(context, index, externalPath));
        }

        endpoints.MapGet("/assets/{*file}", (HttpContext context, string file) => ServeAssetAsync(context, assets, $"assets/{file}"));
        return endpoints;
    }

    private static Task ServeIndexAsync(HttpContext context, string? index, string externalPath)
    {
        var response = context.Response;
        if (index is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "text/plain; charset=utf-8";
            return response.WriteAsync(
                "The web UI was not built into this binary (the build skipped web/: Node.js was missing or PharosSkipWebBuild was set).\n",
                context.RequestAborted);
        }

        var prefix = externalPath.Length > 0 ? externalPath : context.Request.PathBase.Value ?? string.Empty;
        response.ContentType = "text/html; charset=utf-8";
        // The page is tiny and names hashed assets: always revalidate so a new build is picked up at once.
        response.Headers.CacheControl = "no-cache";
        return response.WriteAsync(index.Replace(PathPrefixPlaceholder, WebUtility.HtmlEncode(prefix), StringComparison.Ordinal), context.RequestAborted);
    }

    private static async Task ServeAssetAsync(HttpContext context, UiAssets assets, string path)
    {
        var response = context.Response;
        if (!assets.TryGet(path, out var asset))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        response.ContentType = asset.ContentType;
        // File names carry a content hash: a changed file gets a new name, so caching forever is safe.
        response.Headers.CacheControl = "public, max-age=31536000, immutable";
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        var body = asset.Content;
        // NOTE: a middleware earlier in the pipeline may already compress every response (the server's API
        // middleware does, as upstream's handler does); then the plain bytes go to its stream, without a length.
        if (!StringValues.IsNullOrEmpty(response.Headers.ContentEncoding))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (asset.Gzip is { } gzip && AcceptsGzip(context.Request))
        {
            response.Headers.ContentEncoding = "gzip";
            body = gzip;
        }

        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static bool AcceptsGzip(HttpRequest request)
    {
        foreach (var value in request.Headers.AcceptEncoding)
        {
            if (value is not null && value.Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
