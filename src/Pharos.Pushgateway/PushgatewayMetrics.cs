using Pharos.Client;
using Pharos.Client.Collectors;
using Pharos.Exposition;
using Pharos.Exposition.Model;
using Pharos.Hosting;

namespace Pharos.Pushgateway;

/// <summary>The Pushgateway's own metrics, with upstream's names (<c>pushgateway_*</c>) plus the process metrics.</summary>
public sealed class PushgatewayMetrics
{
    private static readonly QuantileEpsilonPair[] Objectives = [new(0.1, 0.01), new(0.5, 0.05), new(0.9, 0.01)];

    /// <summary>Creates the registry and the metrics.</summary>
    /// <param name="timeProvider">The registry's clock.</param>
    public PushgatewayMetrics(TimeProvider timeProvider)
    {
        Registry = new MetricRegistry(timeProvider);
        Registry.Register(new ProcessCollector());
        Registry.CreateGauge(
                "pushgateway_build_info",
                "A metric with a constant '1' value labeled by version, revision, branch, and goversion from which pushgateway was built.",
                "version", "revision", "branch", "goversion")
            .WithLabels(BuildInfo.Version, BuildInfo.Revision, "main", "dotnet" + BuildInfo.RuntimeVersion)
            .Set(1);
        Requests = Registry.CreateCounter(
            "pushgateway_http_requests_total",
            "Total HTTP requests processed by the Pushgateway, excluding scrapes.",
            "code", "handler", "method");
        PushDuration = Registry.CreateSummary(
            "pushgateway_http_push_duration_seconds",
            "HTTP request duration for pushes to the Pushgateway.",
            new SummaryOptions { LabelNames = ["method"], Objectives = Objectives });
        PushSize = Registry.CreateSummary(
            "pushgateway_http_push_size_bytes",
            "HTTP request size for pushes to the Pushgateway.",
            new SummaryOptions { LabelNames = ["method"], Objectives = Objectives });
    }

    /// <summary>The registry holding the metrics.</summary>
    public MetricRegistry Registry { get; }

    /// <summary><c>pushgateway_http_requests_total{code,handler,method}</c>.</summary>
    public Counter Requests { get; }

    /// <summary><c>pushgateway_http_push_duration_seconds{method}</c>.</summary>
    public Summary PushDuration { get; }

    /// <summary><c>pushgateway_http_push_size_bytes{method}</c>.</summary>
    public Summary PushSize { get; }

    /// <summary>The registry's metrics in the exposition model, for merging with the pushed groups.</summary>
    /// <returns>The families.</returns>
    public IReadOnlyList<MetricFamily> Collect() =>
        MetricFamilyReader.Read(Registry.ToArray(Client.ExpositionFormat.Protobuf), Exposition.ExpositionFormat.Protobuf, ParserMode.Scrape);
}
