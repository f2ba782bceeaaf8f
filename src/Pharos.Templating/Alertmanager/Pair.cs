using Pharos.Templating.Values;

namespace Pharos.Templating.Alertmanager;

/// <summary>A label or annotation name and value, as Alertmanager's template <c>Pair</c>.</summary>
/// <param name="Name">The name.</param>
/// <param name="Value">The value.</param>
public sealed record Pair(string Name, string Value) : ITemplateObject
{
    /// <inheritdoc/>
    public string TypeName => "template.Pair";

    /// <inheritdoc/>
    public bool TryGetField(string name, out object? value)
    {
        (var found, value) = name switch
        {
            "Name" => (true, (object?)Name),
            "Value" => (true, Value),
            _ => (false, null),
        };
        return found;
    }
}
