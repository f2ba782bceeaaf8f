using Pharos.Model;

namespace Pharos.Tsdb.Record;

/// <summary>An exemplar of a series (Prometheus <c>RefExemplar</c>).</summary>
/// <param name="Ref">The head series reference.</param>
/// <param name="TimestampMs">The exemplar's timestamp.</param>
/// <param name="Value">The exemplar's value.</param>
/// <param name="Labels">The exemplar's labels (such as <c>trace_id</c>).</param>
public readonly record struct RefExemplar(ulong Ref, long TimestampMs, double Value, Labels Labels);
