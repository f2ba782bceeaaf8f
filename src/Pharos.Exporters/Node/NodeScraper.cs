using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Client;

namespace Pharos.Exporters.Node;

/// <summary>
/// The registry collector behind <c>/metrics</c>: on every scrape it runs the enabled node collectors in parallel,
/// as upstream's <c>NodeCollector</c> does, and adds <c>node_scrape_collector_duration_seconds</c> and
/// <c>node_scrape_collector_success</c> per collector. A collector that throws contributes no metrics and a
/// success of 0; its error is logged when it starts failing, not on every scrape.
/// </summary>
public sealed partial class NodeScraper : ICollector
{
    private const string DurationName = "node_scrape_collector_duration_seconds";
    private const string DurationHelp = "node_exporter: Duration of a collector scrape.";
    private const string SuccessName = "node_scrape_collector_success";
    private const string SuccessHelp = "node_exporter: Whether a collector succeeded.";

    private readonly INodeCollector[] _collectors;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, bool> _failing = new(StringComparer.Ordinal);

    /// <summary>Creates the scraper.</summary>
    /// <param name="collectors">The enabled collectors.</param>
    /// <param name="logger">Receives one error per collector that starts failing.</param>
    public NodeScraper(IEnumerable<INodeCollector> collectors, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(collectors);
        _collectors = [.. collectors.OrderBy(c => c.Name, StringComparer.Ordinal)];
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The enabled collectors, sorted by name.</summary>
    public IReadOnlyList<INodeCollector> Collectors => _collectors;

    /// <inheritdoc />
    public IEnumerable<MetricFamilySnapshot> Collect()
    {
        var results = new CollectorResult[_collectors.Length];
        Parallel.For(0, _collectors.Length, i => results[i] = Run(_collectors[i]));

        var durations = new List<Pharos.Client.MetricPoint>(results.Length);
        var successes = new List<Pharos.Client.MetricPoint>(results.Length);
        var families = new SortedDictionary<string, MetricFamilySnapshot>(StringComparer.Ordinal);
        for (var i = 0; i < results.Length; i++)
        {
            var label = new[] { new KeyValuePair<string, string>("collector", _collectors[i].Name) };
            durations.Add(Pharos.Client.MetricPoint.Sample(results[i].Seconds, label));
            successes.Add(Pharos.Client.MetricPoint.Sample(results[i].Batch is null ? 0 : 1, label));
            if (results[i].Batch is not { } batch)
            {
                continue;
            }

            foreach (var family in batch.ToSnapshots())
            {
                // Two collectors exposing one name is a bug upstream rejects at registration; keep the first.
                families.TryAdd(family.Name, family);
            }
        }

        families[DurationName] = new MetricFamilySnapshot(DurationName, MetricType.Gauge, DurationHelp, durations);
        families[SuccessName] = new MetricFamilySnapshot(SuccessName, MetricType.Gauge, SuccessHelp, successes);
        return families.Values;
    }

    private CollectorResult Run(INodeCollector collector)
    {
        var start = Stopwatch.GetTimestamp();
        var batch = new MetricBatch();
        try
        {
            collector.Update(batch);
            if (_failing.TryRemove(collector.Name, out _))
            {
                LogRecovered(collector.Name);
            }

            return new CollectorResult(batch, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        catch (Exception e) when (e is NodeCollectorException or IOException or UnauthorizedAccessException or FormatException or OverflowException or IndexOutOfRangeException or ArgumentException)
        {
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (_failing.TryAdd(collector.Name, true))
            {
                if (e is NodeCollectorException { NoData: true })
                {
                    LogNoData(collector.Name, elapsed, e.Message);
                }
                else
                {
                    LogFailed(collector.Name, elapsed, e.Message);
                }
            }

            return new CollectorResult(null, elapsed);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "collector failed: collector={Collector} duration_seconds={DurationSeconds} err={Err}")]
    private partial void LogFailed(string collector, double durationSeconds, string err);

    [LoggerMessage(Level = LogLevel.Debug, Message = "collector returned no data: collector={Collector} duration_seconds={DurationSeconds} err={Err}")]
    private partial void LogNoData(string collector, double durationSeconds, string err);

    [LoggerMessage(Level = LogLevel.Information, Message = "collector succeeded again: collector={Collector}")]
    private partial void LogRecovered(string collector);

    private readonly record struct CollectorResult(MetricBatch? Batch, double Seconds);
}
