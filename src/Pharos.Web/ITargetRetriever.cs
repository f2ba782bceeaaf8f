namespace Pharos.Web;

/// <summary>The scrape targets for <c>/api/v1/targets</c> (upstream <c>TargetRetriever</c>). Thread-safe.</summary>
public interface ITargetRetriever
{
    /// <summary>The targets being scraped, in any order.</summary>
    /// <returns>A snapshot owned by the caller.</returns>
    IReadOnlyList<ActiveTarget> ActiveTargets();

    /// <summary>The targets relabeling dropped that are kept for display (<c>keep_dropped_targets</c>).</summary>
    /// <returns>A snapshot owned by the caller.</returns>
    IReadOnlyList<DroppedTarget> DroppedTargets();

    /// <summary>How many targets each scrape pool dropped, kept or not.</summary>
    /// <returns>Pool name to count.</returns>
    IReadOnlyDictionary<string, int> DroppedTargetCounts();
}
