using Pharos.Model;

namespace Pharos.Scrape;

/// <summary>
/// A snapshot of one active target, the fields of <c>/api/v1/targets</c>' <c>activeTargets</c>. Immutable; taken
/// when <see cref="ScrapeManager.ActiveTargets"/> is called.
/// </summary>
/// <param name="ScrapePool">The pool (job name) the target belongs to.</param>
/// <param name="DiscoveredLabels">The labels as discovered, before target relabeling.</param>
/// <param name="Labels">The labels the target's series carry (no <c>__</c> labels).</param>
/// <param name="ScrapeUrl">The URL scraped.</param>
/// <param name="GlobalUrl">The URL with a loopback host replaced by this machine's name, as upstream's <c>globalUrl</c>.</param>
/// <param name="Health">The outcome of the last scrape.</param>
/// <param name="LastError">The last scrape's error, or empty.</param>
/// <param name="LastScrape">When the last scrape started; <see cref="DateTimeOffset.MinValue"/> before the first.</param>
/// <param name="LastScrapeDuration">How long the last scrape took.</param>
/// <param name="ScrapeInterval">The target's interval (from <c>__scrape_interval__</c>).</param>
/// <param name="ScrapeTimeout">The target's timeout (from <c>__scrape_timeout__</c>).</param>
public sealed record ScrapeTargetState(
    string ScrapePool,
    Labels DiscoveredLabels,
    Labels Labels,
    Uri ScrapeUrl,
    string GlobalUrl,
    TargetHealth Health,
    string LastError,
    DateTimeOffset LastScrape,
    TimeSpan LastScrapeDuration,
    TimeSpan ScrapeInterval,
    TimeSpan ScrapeTimeout);
