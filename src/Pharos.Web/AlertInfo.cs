using Pharos.Model;

namespace Pharos.Web;

/// <summary>An active alert.</summary>
/// <param name="Labels">The alert labels.</param>
/// <param name="Annotations">The expanded annotations.</param>
/// <param name="State"><c>pending</c> or <c>firing</c>.</param>
/// <param name="ActiveAt">When the alert became active.</param>
/// <param name="Value">The value of the expression that made it active.</param>
public sealed record AlertInfo(Labels Labels, Labels Annotations, string State, DateTimeOffset ActiveAt, double Value);
