namespace Pharos.Client;

/// <summary>
/// A source of metric families computed at scrape time, for values owned elsewhere (a cache's size, a pool's
/// statistics). <see cref="Collect"/> is called once per serialisation, possibly from several threads at once.
/// </summary>
public interface ICollector
{
    /// <summary>Produces the current families. Names must not collide with other metrics in the registry.</summary>
    /// <returns>The families, each with at least one point to be exposed.</returns>
    IEnumerable<MetricFamilySnapshot> Collect();
}
