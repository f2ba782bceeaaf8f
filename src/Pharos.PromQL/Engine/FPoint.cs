namespace Pharos.PromQL.Engine;

/// <summary>A float point of a series: a timestamp and a value.</summary>
/// <param name="TimestampMs">Milliseconds since the Unix epoch.</param>
/// <param name="Value">The value.</param>
public readonly record struct FPoint(long TimestampMs, double Value) : ITimestamped;
