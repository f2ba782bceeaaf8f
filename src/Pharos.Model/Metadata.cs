namespace Pharos.Model;

/// <summary>What a metric family declares about itself: type, help text and unit.</summary>
/// <param name="Type">The metric type.</param>
/// <param name="Help">The help text, unescaped; empty when none was given.</param>
/// <param name="Unit">The unit (OpenMetrics <c># UNIT</c>); empty when none was given.</param>
public readonly record struct Metadata(MetricType Type, string Help, string Unit);
