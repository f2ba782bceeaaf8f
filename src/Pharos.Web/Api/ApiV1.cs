using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pharos.PromQL.Engine;
using IQueryable = Pharos.Storage.IQueryable;

namespace Pharos.Web.Api;

/// <summary>
/// The Prometheus HTTP API under <c>/api/v1</c> (upstream <c>web/api/v1</c>): same paths, parameters (GET query
/// strings and form POSTs), JSON shapes, status codes and error types. Handlers parse parameters, run the work
/// synchronously and return an <see cref="ApiResult"/>; this class writes the envelope with a
/// <see cref="Utf8JsonWriter"/> straight into the response. Thread-safe.
/// </summary>
public sealed partial class ApiV1
{
    private readonly PrometheusWebOptions _options;
    private readonly IQueryable _queryable;
    private readonly PromQLEngine _engine;
    private readonly ITsdbStatus _tsdbStatus;

    /// <summary>Creates the API over the given dependencies.</summary>
    /// <param name="options">The dependencies and switches.</param>
    public ApiV1(PrometheusWebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _queryable = options.Queryable;
        _engine = options.Engine;
        _tsdbStatus = options.TsdbStatus ?? new QueryableTsdbStatus(options.Queryable);
    }

    private long NowMs => _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Maps every endpoint under <c>/api/v1</c>.</summary>
    /// <param name="endpoints">The route builder (relative to the route prefix).</param>
    public void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        string[] getPost = ["GET", "POST"];
        MapApi(endpoints, "/api/v1/query", getPost, Query);
        MapApi(endpoints, "/api/v1/query_range", getPost, QueryRange);
        MapApi(endpoints, "/api/v1/query_exemplars", getPost, QueryExemplars);
        MapApi(endpoints, "/api/v1/format_query", getPost, FormatQuery);
        MapApi(endpoints, "/api/v1/parse_query", getPost, ParseQuery);
        MapApi(endpoints, "/api/v1/labels", getPost, LabelNames);
        MapApi(endpoints, "/api/v1/label/{name}/values", ["GET"], LabelValues);
        MapApi(endpoints, "/api/v1/series", getPost, Series);
        MapApi(endpoints, "/api/v1/series", ["DELETE"], static (_, _) => throw new ApiException(ApiErrorType.Internal, "not implemented"));
        MapApi(endpoints, "/api/v1/targets", ["GET"], Targets);
        MapApi(endpoints, "/api/v1/targets/metadata", ["GET"], TargetMetadata);
        MapApi(endpoints, "/api/v1/metadata", ["GET"], MetricMetadata);
        MapApi(endpoints, "/api/v1/alertmanagers", ["GET"], Alertmanagers);
        MapApi(endpoints, "/api/v1/rules", ["GET"], Rules);
        MapApi(endpoints, "/api/v1/alerts", ["GET"], Alerts);
        MapApi(endpoints, "/api/v1/status/config", ["GET"], StatusConfig);
        MapApi(endpoints, "/api/v1/status/runtimeinfo", ["GET"], StatusRuntimeInfo);
        MapApi(endpoints, "/api/v1/status/buildinfo", ["GET"], StatusBuildInfo);
        MapApi(endpoints, "/api/v1/status/flags", ["GET"], StatusFlags);
        MapApi(endpoints, "/api/v1/status/tsdb", ["GET"], StatusTsdb);
        MapApi(endpoints, "/api/v1/status/walreplay", ["GET"], StatusWalReplay, requireReady: false);
        MapApi(endpoints, "/api/v1/features", ["GET"], Features);
        MapApi(endpoints, "/api/v1/admin/tsdb/delete_series", ["POST", "PUT"], DeleteSeries);
        MapApi(endpoints, "/api/v1/admin/tsdb/clean_tombstones", ["POST", "PUT"], CleanTombstones);
        MapApi(endpoints, "/api/v1/admin/tsdb/snapshot", ["POST", "PUT"], Snapshot);
    }

    /// <summary>Runs one handler on parameters without HTTP, for tests and the fuzzer.</summary>
    /// <param name="handler">The handler.</param>
    /// <param name="parameters">The parameters.</param>
    /// <param name="context">The request context (route values).</param>
    /// <returns>The result.</returns>
    internal static ApiResult Invoke(Func<ApiParameters, HttpContext, ApiResult> handler, ApiParameters parameters, HttpContext context) =>
        handler(parameters, context);

    private void MapApi(IEndpointRouteBuilder endpoints, string pattern, string[] methods, Func<ApiParameters, HttpContext, ApiResult> handler, bool requireReady = true)
    {
        endpoints.MapMethods(pattern, methods, async context =>
        {
            if (requireReady && !_options.IsReady())
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync("Service Unavailable", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            ApiResult result;
            try
            {
                var parameters = await ApiParameters.ReadAsync(context.Request).ConfigureAwait(false);
                result = handler(parameters, context);
            }
            catch (ApiException e)
            {
                await WriteErrorAsync(context.Response, e.Type, e.Message).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            await WriteSuccessAsync(context.Response, result).ConfigureAwait(false);
        });
    }

    /// <summary>Writes <c>{"status":"error","errorType":…,"error":…}</c> with the error type's status code.</summary>
    /// <param name="response">The response.</param>
    /// <param name="type">The error type.</param>
    /// <param name="message">The message.</param>
    /// <returns>A task that completes when written.</returns>
    public static async Task WriteErrorAsync(HttpResponse response, ApiErrorType type, string message)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = ApiException.StatusCode(type);
        response.ContentType = "application/json";
        using (var writer = ApiJson.CreateWriter(response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteString("status"u8, "error"u8);
            writer.WriteString("errorType"u8, ApiException.WireName(type));
            writer.WriteString("error"u8, message);
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync().ConfigureAwait(false);
    }

    private static async Task WriteSuccessAsync(HttpResponse response, ApiResult result)
    {
        if (result.NoContent)
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        using (var writer = ApiJson.CreateWriter(response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteString("status"u8, "success"u8);
            if (result.Data is not null)
            {
                writer.WritePropertyName("data"u8);
                result.Data(writer);
            }

            WriteStrings(writer, "warnings"u8, result.Warnings);
            WriteStrings(writer, "infos"u8, result.Infos);
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync().ConfigureAwait(false);
    }

    private static void WriteStrings(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<string>? values)
    {
        if (values is not { Count: > 0 })
        {
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteStringArray(Utf8JsonWriter writer, IEnumerable<string> values)
    {
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
