namespace Pharos.PromQL.Engine;

/// <summary>The samples a query processed for one step.</summary>
/// <param name="TimestampMs">The step, in milliseconds since the Unix epoch.</param>
/// <param name="Samples">The samples processed for it.</param>
public readonly record struct StepSamples(long TimestampMs, long Samples);
