namespace Pharos.Web;

/// <summary>A rule group as the rules API shows it.</summary>
/// <param name="Name">The group name.</param>
/// <param name="File">The rule file.</param>
/// <param name="Rules">The rules in order.</param>
/// <param name="Interval">The evaluation interval.</param>
/// <param name="Limit">The alert/series limit, 0 for none.</param>
/// <param name="EvaluationTime">How long the last evaluation took.</param>
/// <param name="LastEvaluation">When the group was last evaluated.</param>
public sealed record RuleGroupInfo(
    string Name,
    string File,
    IReadOnlyList<RuleInfo> Rules,
    TimeSpan Interval,
    int Limit,
    TimeSpan EvaluationTime,
    DateTimeOffset LastEvaluation);
