namespace Pharos.Rules;

/// <summary>The state of an alert or alerting rule, named as upstream's API prints them.</summary>
public enum AlertState
{
    /// <summary>Not active (<c>inactive</c>).</summary>
    Inactive,

    /// <summary>Active for less than the rule's <c>for</c> (<c>pending</c>).</summary>
    Pending,

    /// <summary>Active for at least the rule's <c>for</c>, or kept firing by <c>keep_firing_for</c> (<c>firing</c>).</summary>
    Firing,
}
