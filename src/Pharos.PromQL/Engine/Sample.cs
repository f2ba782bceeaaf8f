using Pharos.Model;

namespace Pharos.PromQL.Engine;

/// <summary>One element of an instant vector: a series' labels and its value (a float or a histogram) at one time.</summary>
/// <param name="Metric">The labels.</param>
/// <param name="TimestampMs">The evaluation time (or, for <c>timestamp()</c>-like uses, the sample time) in milliseconds.</param>
/// <param name="Value">The float value; 0 when <paramref name="Histogram"/> is set.</param>
/// <param name="Histogram">The histogram value, or null for a float sample.</param>
/// <param name="DropName">Whether <c>__name__</c> is to be removed at the end of evaluation (delayed name removal).</param>
public readonly record struct Sample(Labels Metric, long TimestampMs, double Value, FloatHistogram? Histogram = null, bool DropName = false);
