namespace Pharos.Rules;

/// <summary>
/// Hands alerts of one alerting rule to the notifier (upstream <c>rules.NotifyFunc</c>). Called on the group's
/// evaluation thread; must not block (queue and return).
/// </summary>
/// <param name="expr">The rule's expression, as used in the generator URL.</param>
/// <param name="alerts">The firing and recently resolved alerts that are due to be (re)sent.</param>
public delegate void NotifyFunc(string expr, IReadOnlyList<AlertToSend> alerts);
