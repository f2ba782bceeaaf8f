namespace Pharos.Web;

/// <summary>Rule groups and alerts for <c>/api/v1/rules</c> and <c>/api/v1/alerts</c>. Thread-safe.</summary>
public interface IRulesRetriever
{
    /// <summary>The loaded rule groups in file order.</summary>
    /// <returns>A snapshot owned by the caller.</returns>
    IReadOnlyList<RuleGroupInfo> RuleGroups();
}
