using Pharos.Model;

namespace Pharos.Web;

/// <summary>One scraped target as <c>/api/v1/targets</c> shows it.</summary>
/// <param name="DiscoveredLabels">The labels before relabeling.</param>
/// <param name="Labels">The target labels after relabeling (no <c>__</c> labels).</param>
/// <param name="ScrapePool">The scrape pool (job name of the scrape config).</param>
/// <param name="ScrapeUrl">The URL scraped.</param>
/// <param name="GlobalUrl">The URL with the host as seen from outside.</param>
/// <param name="LastError">The last scrape's error, empty when it succeeded.</param>
/// <param name="LastScrape">When the last scrape started; <see cref="DateTimeOffset.MinValue"/> before the first.</param>
/// <param name="LastScrapeDuration">How long the last scrape took.</param>
/// <param name="Health"><c>up</c>, <c>down</c> or <c>unknown</c>.</param>
/// <param name="ScrapeInterval">The scrape interval.</param>
/// <param name="ScrapeTimeout">The scrape timeout.</param>
public sealed record ActiveTarget(
    Labels DiscoveredLabels,
    Labels Labels,
    string ScrapePool,
    string ScrapeUrl,
    string GlobalUrl,
    string LastError,
    DateTimeOffset LastScrape,
    TimeSpan LastScrapeDuration,
    string Health,
    TimeSpan ScrapeInterval,
    TimeSpan ScrapeTimeout);
