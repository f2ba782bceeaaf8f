using Pharos.Model;

namespace Pharos.Tsdb.Record;

/// <summary>An integer native histogram sample (Prometheus <c>RefHistogramSample</c>).</summary>
/// <param name="Ref">The head series reference.</param>
/// <param name="TimestampMs">The timestamp.</param>
/// <param name="Histogram">The histogram; owned by the record.</param>
public readonly record struct RefHistogramSample(ulong Ref, long TimestampMs, Histogram Histogram);
