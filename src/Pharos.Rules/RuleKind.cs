namespace Pharos.Rules;

/// <summary>Whether a rule records a series or raises alerts.</summary>
public enum RuleKind
{
    /// <summary>A <c>record:</c> rule.</summary>
    Recording,

    /// <summary>An <c>alert:</c> rule.</summary>
    Alerting,
}
