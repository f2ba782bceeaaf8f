namespace Pharos.Templating.Prometheus;

/// <summary>What Prometheus's template functions need from the host.</summary>
public sealed record PrometheusTemplateContext
{
    /// <summary>The server's external URL (<c>--web.external-url</c>), for <c>externalURL</c> and <c>pathPrefix</c>.</summary>
    public Uri? ExternalUrl { get; init; }

    /// <summary>Runs <c>query</c>; when null the function fails with an error.</summary>
    public TemplateQueryFunc? Query { get; init; }
}
