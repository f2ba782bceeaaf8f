using Pharos.Model;

namespace Pharos.Web;

/// <summary>A recording or alerting rule as the rules API shows it.</summary>
/// <param name="Name">The record name or alert name.</param>
/// <param name="Query">The expression.</param>
/// <param name="IsAlerting">True for an alerting rule.</param>
/// <param name="Health"><c>ok</c>, <c>err</c> or <c>unknown</c>.</param>
/// <param name="LastError">The last evaluation error, empty when none.</param>
/// <param name="Labels">The rule's labels.</param>
/// <param name="Annotations">Alerting rules' annotations; empty otherwise.</param>
/// <param name="Duration">The <c>for</c> duration of an alerting rule.</param>
/// <param name="KeepFiringFor">The <c>keep_firing_for</c> duration of an alerting rule.</param>
/// <param name="State">An alerting rule's state: <c>inactive</c>, <c>pending</c> or <c>firing</c>.</param>
/// <param name="Alerts">An alerting rule's active alerts.</param>
/// <param name="EvaluationTime">How long the last evaluation took.</param>
/// <param name="LastEvaluation">When the rule was last evaluated.</param>
public sealed record RuleInfo(
    string Name,
    string Query,
    bool IsAlerting,
    string Health,
    string LastError,
    Labels Labels,
    Labels Annotations,
    TimeSpan Duration,
    TimeSpan KeepFiringFor,
    string State,
    IReadOnlyList<AlertInfo> Alerts,
    TimeSpan EvaluationTime,
    DateTimeOffset LastEvaluation);
