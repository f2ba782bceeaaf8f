using Microsoft.Extensions.Logging;
using Pharos.Client;
using Pharos.Config;
using Pharos.Discovery;
using Pharos.Model;
using Pharos.Scrape;
using Pharos.Storage;
using Pharos.Web;

namespace Pharos.Server;

/// <summary>Owns the scrape manager and shows its targets and metadata to the web layer.</summary>
internal sealed class ScrapeWiring : ITargetRetriever, IMetadataRetriever, IAsyncDisposable
{
    private readonly ScrapeManager _manager;

    public ScrapeWiring(IAppendable storage, ILoggerFactory loggerFactory, TimeProvider time, MetricRegistry registry) =>
        _manager = new ScrapeManager(storage, new ScrapeManagerOptions(), time, loggerFactory, registry);

    public void ApplyConfig(PrometheusConfig config) => _manager.ApplyConfig(config);

    public void UpdateTargets(IReadOnlyDictionary<string, IReadOnlyList<DiscoveredTargetGroup>> groups) => _manager.UpdateTargets(groups);

    public IReadOnlyList<ActiveTarget> ActiveTargets() =>
        _manager.ActiveTargets().Select(t => new ActiveTarget(
            t.DiscoveredLabels,
            t.Labels,
            t.ScrapePool,
            t.ScrapeUrl.ToString(),
            t.GlobalUrl,
            t.LastError,
            t.LastScrape,
            t.LastScrapeDuration,
            t.Health switch { TargetHealth.Up => "up", TargetHealth.Down => "down", _ => "unknown" },
            t.ScrapeInterval,
            t.ScrapeTimeout)).ToList();

    public IReadOnlyList<Web.DroppedTarget> DroppedTargets() =>
        _manager.DroppedTargets().Select(t => new Web.DroppedTarget(t.DiscoveredLabels, t.ScrapePool)).ToList();

    public IReadOnlyDictionary<string, int> DroppedTargetCounts() => _manager.DroppedTargetCounts();

    public IReadOnlyList<Web.TargetMetadata> TargetMetadata() =>
        _manager.Metadata().Select(m => new Web.TargetMetadata(m.Target, m.Metric, new Metadata(m.Type, m.Help, m.Unit))).ToList();

    public ValueTask DisposeAsync() => _manager.DisposeAsync();
}
