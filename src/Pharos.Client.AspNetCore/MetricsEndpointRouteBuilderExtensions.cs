using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pharos.Client;
using Pharos.Client.AspNetCore;

// In the namespace of MapGet and friends, so `app.MapMetrics()` needs no extra using.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Prometheus scrape endpoint.</summary>
public static class MetricsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET</c> and <c>HEAD</c> on <paramref name="pattern"/> to an endpoint exposing
    /// <paramref name="registry"/>: the format is negotiated from the <c>Accept</c> header (Prometheus text 0.0.4,
    /// OpenMetrics 1.0 text or delimited protobuf; text when nothing matches) and the body is gzipped when
    /// <c>Accept-Encoding</c> allows it. The endpoint carries <see cref="MetricsEndpointMetadata"/>.
    /// </summary>
    /// <param name="endpoints">The route builder, typically the <c>WebApplication</c>.</param>
    /// <param name="pattern">The route pattern.</param>
    /// <param name="registry">The registry; <see cref="Metrics.DefaultRegistry"/> when null.</param>
    /// <returns>The endpoint's convention builder, for <c>RequireHost</c>, <c>RequireAuthorization</c> and the like.</returns>
    public static IEndpointConventionBuilder MapMetrics(
        this IEndpointRouteBuilder endpoints,
        string pattern = "/metrics",
        MetricRegistry? registry = null) =>
        endpoints.MapMetrics(pattern, options => options.Registry = registry);

    /// <summary>Maps the scrape endpoint (see <see cref="MapMetrics(IEndpointRouteBuilder, string, MetricRegistry?)"/>) with options.</summary>
    /// <param name="endpoints">The route builder, typically the <c>WebApplication</c>.</param>
    /// <param name="pattern">The route pattern.</param>
    /// <param name="configure">Sets the options; called once, at mapping time.</param>
    /// <returns>The endpoint's convention builder.</returns>
    public static IEndpointConventionBuilder MapMetrics(
        this IEndpointRouteBuilder endpoints,
        string pattern,
        Action<MetricsEndpointOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new MetricsEndpointOptions();
        configure(options);
        var endpoint = new MetricsEndpoint(options.Registry ?? Metrics.DefaultRegistry, options);
        return endpoints
            .MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], endpoint.HandleAsync)
            .WithDisplayName("Prometheus metrics")
            .WithMetadata(MetricsEndpointMetadata.Instance);
    }
}
