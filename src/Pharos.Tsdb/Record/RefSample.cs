namespace Pharos.Tsdb.Record;

/// <summary>A float sample of a series (Prometheus <c>RefSample</c>).</summary>
/// <param name="Ref">The head series reference.</param>
/// <param name="TimestampMs">The timestamp.</param>
/// <param name="Value">The value.</param>
public readonly record struct RefSample(ulong Ref, long TimestampMs, double Value);
