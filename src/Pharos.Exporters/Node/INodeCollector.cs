namespace Pharos.Exporters.Node;

/// <summary>
/// One node-exporter collector (<c>cpu</c>, <c>meminfo</c>, …). <see cref="Update"/> runs once per scrape on a thread
/// of its own; an exception marks the collector failed for that scrape (<c>node_scrape_collector_success 0</c>)
/// and leaves every other collector untouched. Implementations keep no per-scrape state and must be thread-safe.
/// </summary>
public interface INodeCollector
{
    /// <summary>The collector name as in <c>--collector.NAME</c>, e.g. <c>thermal_zone</c>.</summary>
    string Name { get; }

    /// <summary>Reads the system and adds the collector's metrics to <paramref name="batch"/>.</summary>
    /// <param name="batch">The collector's own batch for this scrape.</param>
    /// <exception cref="NodeCollectorException">The data is missing or malformed.</exception>
    /// <exception cref="IOException">A file could not be read.</exception>
    void Update(MetricBatch batch);
}
