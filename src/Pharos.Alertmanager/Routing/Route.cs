using Pharos.Alertmanager.Config;
using Pharos.Model;

namespace Pharos.Alertmanager.Routing;

/// <summary>
/// A node of the routing tree with its options inherited from the parent, as upstream's <c>dispatch.Route</c>.
/// An alert enters at the root; <see cref="Match"/> returns every route it is delivered to. Immutable.
/// </summary>
public sealed class Route
{
    private Route(RouteConfig config, Route? parent)
    {
        Parent = parent;
        Matchers = config.Matchers;
        Continue = config.Continue;
        Receiver = config.Receiver is { Length: > 0 } r ? r : parent?.Receiver ?? "";
        if (config.GroupBy is { } groupBy)
        {
            GroupByAll = groupBy.Count == 1 && groupBy[0] == "...";
            GroupBy = GroupByAll ? [] : groupBy.Order(StringComparer.Ordinal).ToArray();
        }
        else
        {
            GroupByAll = parent?.GroupByAll ?? false;
            GroupBy = parent?.GroupBy ?? [];
        }

        GroupWait = config.GroupWait ?? parent?.GroupWait ?? TimeSpan.FromSeconds(30);
        GroupInterval = config.GroupInterval ?? parent?.GroupInterval ?? TimeSpan.FromMinutes(5);
        RepeatInterval = config.RepeatInterval ?? parent?.RepeatInterval ?? TimeSpan.FromHours(4);
        MuteTimeIntervals = config.MuteTimeIntervals;
        ActiveTimeIntervals = config.ActiveTimeIntervals;
        Key = (parent is null ? "" : parent.Key + "/") + MatcherParser.Format(Matchers);
        Routes = [.. config.Routes.Select(c => new Route(c, this))];
    }

    /// <summary>The parent, or null for the root.</summary>
    public Route? Parent { get; }

    /// <summary>The matchers an alert must satisfy, sorted as upstream sorts them.</summary>
    public IReadOnlyList<Matcher> Matchers { get; }

    /// <summary>Whether matching continues with the next sibling after this route matched.</summary>
    public bool Continue { get; }

    /// <summary>The receiver (inherited when not set).</summary>
    public string Receiver { get; }

    /// <summary>The labels alerts are grouped by, sorted; empty with <see cref="GroupByAll"/>.</summary>
    public IReadOnlyList<string> GroupBy { get; }

    /// <summary>Whether alerts are grouped by all their labels (<c>group_by: ['...']</c>).</summary>
    public bool GroupByAll { get; }

    /// <summary>How long a new group waits before its first notification.</summary>
    public TimeSpan GroupWait { get; }

    /// <summary>How long to wait before notifying about changes in a group.</summary>
    public TimeSpan GroupInterval { get; }

    /// <summary>How long to wait before repeating an unchanged notification.</summary>
    public TimeSpan RepeatInterval { get; }

    /// <summary>Names of time intervals during which notifications are muted.</summary>
    public IReadOnlyList<string> MuteTimeIntervals { get; }

    /// <summary>Names of time intervals outside which notifications are muted.</summary>
    public IReadOnlyList<string> ActiveTimeIntervals { get; }

    /// <summary>The child routes.</summary>
    public IReadOnlyList<Route> Routes { get; }

    /// <summary>The route's key: the matchers of every route from the root, <c>{}/{a="b"}</c>, part of group keys.</summary>
    public string Key { get; }

    /// <summary>Builds the tree from the configuration's root route.</summary>
    /// <param name="root">The root route's configuration.</param>
    /// <returns>The root.</returns>
    public static Route Build(RouteConfig root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return new Route(root, null);
    }

    /// <summary>
    /// The routes an alert with <paramref name="labels"/> is delivered to: depth first, the first matching child
    /// ends the search among its siblings unless it has <c>continue</c>; a matching route without matching children
    /// is itself the result.
    /// </summary>
    /// <param name="labels">The alert's labels.</param>
    /// <returns>The matching routes; empty when this route does not match.</returns>
    public IReadOnlyList<Route> Match(Labels labels)
    {
        var result = new List<Route>();
        MatchInto(labels, result);
        return result;
    }

    /// <summary>Every route of the tree, the root first, depth first.</summary>
    /// <returns>The routes.</returns>
    public IEnumerable<Route> Walk()
    {
        yield return this;
        foreach (var child in Routes)
        {
            foreach (var r in child.Walk())
            {
                yield return r;
            }
        }
    }

    /// <summary>Whether every matcher accepts <paramref name="labels"/> (an absent label reads as empty).</summary>
    /// <param name="matchers">The matchers.</param>
    /// <param name="labels">The labels.</param>
    /// <returns>True when all match.</returns>
    public static bool MatchesAll(IReadOnlyList<Matcher> matchers, Labels labels)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        foreach (var m in matchers)
        {
            if (!m.Matches(labels.Get(m.Name)))
            {
                return false;
            }
        }

        return true;
    }

    private bool MatchInto(Labels labels, List<Route> result)
    {
        if (!MatchesAll(Matchers, labels))
        {
            return false;
        }

        var before = result.Count;
        foreach (var child in Routes)
        {
            if (child.MatchInto(labels, result) && !child.Continue)
            {
                break;
            }
        }

        if (result.Count == before)
        {
            result.Add(this);
        }

        return true;
    }
}
