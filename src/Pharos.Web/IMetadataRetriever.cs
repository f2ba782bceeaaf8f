namespace Pharos.Web;

/// <summary>Metric metadata the scrapers saw, per target (upstream's scrape cache metadata). Thread-safe.</summary>
public interface IMetadataRetriever
{
    /// <summary>Every (target, metric) metadata entry currently known.</summary>
    /// <returns>A snapshot owned by the caller.</returns>
    IReadOnlyList<TargetMetadata> TargetMetadata();
}
