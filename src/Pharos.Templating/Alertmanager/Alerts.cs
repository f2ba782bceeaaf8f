using System.Collections.ObjectModel;
using Pharos.Templating.Values;

namespace Pharos.Templating.Alertmanager;

/// <summary>The alerts of a notification with Alertmanager's <c>.Firing</c> and <c>.Resolved</c> methods.</summary>
public sealed class Alerts : ReadOnlyCollection<Alert>, ITemplateObject
{
    /// <summary>Wraps <paramref name="alerts"/>.</summary>
    /// <param name="alerts">The alerts, in order.</param>
    public Alerts(IList<Alert> alerts)
        : base(alerts)
    {
    }

    /// <inheritdoc/>
    public string TypeName => "template.Alerts";

    /// <summary>The alerts whose status is <c>firing</c>.</summary>
    /// <returns>The firing alerts.</returns>
    public Alerts Firing() => new([.. this.Where(a => a.Status == "firing")]);

    /// <summary>The alerts whose status is <c>resolved</c>.</summary>
    /// <returns>The resolved alerts.</returns>
    public Alerts Resolved() => new([.. this.Where(a => a.Status == "resolved")]);

    /// <inheritdoc/>
    public bool TryGetField(string name, out object? value)
    {
        (var found, value) = name switch
        {
            "Firing" => (true, (object?)Firing()),
            "Resolved" => (true, Resolved()),
            _ => (false, null),
        };
        return found;
    }
}
