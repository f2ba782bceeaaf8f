namespace Pharos.Rules;

/// <summary>A rule's health after its last evaluation, named as upstream's API prints them.</summary>
public enum RuleHealth
{
    /// <summary>Not evaluated yet (<c>unknown</c>).</summary>
    Unknown,

    /// <summary>The last evaluation succeeded (<c>ok</c>).</summary>
    Ok,

    /// <summary>The last evaluation failed (<c>err</c>); see the rule's last error.</summary>
    Err,
}
