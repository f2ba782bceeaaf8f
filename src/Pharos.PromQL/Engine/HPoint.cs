using Pharos.Model;

namespace Pharos.PromQL.Engine;

/// <summary>A native-histogram point of a series. The histogram is owned by the result and never mutated by the engine afterwards.</summary>
/// <param name="TimestampMs">Milliseconds since the Unix epoch.</param>
/// <param name="Histogram">The histogram.</param>
public readonly record struct HPoint(long TimestampMs, FloatHistogram Histogram) : ITimestamped;
