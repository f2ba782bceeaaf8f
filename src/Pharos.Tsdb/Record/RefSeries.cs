using Pharos.Model;

namespace Pharos.Tsdb.Record;

/// <summary>A series reference with its labels (Prometheus <c>RefSeries</c>).</summary>
/// <param name="Ref">The head series reference.</param>
/// <param name="Labels">The series labels.</param>
public readonly record struct RefSeries(ulong Ref, Labels Labels);
