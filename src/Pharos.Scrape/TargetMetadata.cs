using Pharos.Model;

namespace Pharos.Scrape;

/// <summary>
/// The metadata one target exposed for one metric family, as <c>/api/v1/targets/metadata</c> lists it. Immutable.
/// </summary>
/// <param name="ScrapePool">The pool (job name) of the target.</param>
/// <param name="Target">The target's labels.</param>
/// <param name="Metric">The metric family name.</param>
/// <param name="Type">The declared type (<see cref="MetricType.Unknown"/> when only HELP or UNIT was given).</param>
/// <param name="Help">The help text, or empty.</param>
/// <param name="Unit">The unit, or empty.</param>
public sealed record TargetMetadata(string ScrapePool, Labels Target, string Metric, MetricType Type, string Help, string Unit);
