namespace Pharos.Model.Relabel;

/// <summary>
/// The parts of a scrape configuration that shape a target's labels: the defaults written into
/// <c>job</c>, <c>__scheme__</c>, <c>__metrics_path__</c>, <c>__scrape_interval__</c>, <c>__scrape_timeout__</c> and
/// <c>__param_*</c>, and the target relabeling rules. Immutable.
/// </summary>
/// <param name="JobName">The job name, the default <c>job</c> label.</param>
/// <param name="Scheme">The default <c>__scheme__</c> (<c>http</c> or <c>https</c>).</param>
/// <param name="MetricsPath">The default <c>__metrics_path__</c>.</param>
/// <param name="ScrapeInterval">The default <c>__scrape_interval__</c>.</param>
/// <param name="ScrapeTimeout">The default <c>__scrape_timeout__</c>.</param>
/// <param name="Params">Query parameters; the first value of each becomes the default <c>__param_&lt;name&gt;</c>.</param>
/// <param name="RelabelConfigs">The job's <c>relabel_configs</c>.</param>
public sealed record ScrapeTargetSettings(
    string JobName,
    string Scheme,
    string MetricsPath,
    TimeSpan ScrapeInterval,
    TimeSpan ScrapeTimeout,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Params,
    IReadOnlyList<RelabelConfig> RelabelConfigs);
