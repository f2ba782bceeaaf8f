using Pharos.Model;

namespace Pharos.Tsdb.Record;

/// <summary>A float native histogram sample (Prometheus <c>RefFloatHistogramSample</c>).</summary>
/// <param name="Ref">The head series reference.</param>
/// <param name="TimestampMs">The timestamp.</param>
/// <param name="Histogram">The histogram; owned by the record.</param>
public readonly record struct RefFloatHistogramSample(ulong Ref, long TimestampMs, FloatHistogram Histogram);
