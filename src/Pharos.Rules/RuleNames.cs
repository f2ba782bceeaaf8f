namespace Pharos.Rules;

/// <summary>The names upstream uses for rule states, health and the series alerting rules write.</summary>
public static class RuleNames
{
    /// <summary>The series alerting rules write for every pending or firing alert.</summary>
    public const string Alerts = "ALERTS";

    /// <summary>The series holding each active alert's activation time, read back to restore <c>for</c> state.</summary>
    public const string AlertsForState = "ALERTS_FOR_STATE";

    /// <summary>The label holding the alert's name.</summary>
    public const string AlertName = "alertname";

    /// <summary>The label of <c>ALERTS</c> holding the alert's state.</summary>
    public const string AlertState = "alertstate";

    /// <summary>The API name of a state: <c>inactive</c>, <c>pending</c> or <c>firing</c>.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The lower-case name.</returns>
    public static string Of(AlertState state) => state switch
    {
        Rules.AlertState.Pending => "pending",
        Rules.AlertState.Firing => "firing",
        _ => "inactive",
    };

    /// <summary>The API name of a health: <c>unknown</c>, <c>ok</c> or <c>err</c>.</summary>
    /// <param name="health">The health.</param>
    /// <returns>The lower-case name.</returns>
    public static string Of(RuleHealth health) => health switch
    {
        RuleHealth.Ok => "ok",
        RuleHealth.Err => "err",
        _ => "unknown",
    };
}
