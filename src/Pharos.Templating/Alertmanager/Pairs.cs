using System.Collections.ObjectModel;
using Pharos.Templating.Values;

namespace Pharos.Templating.Alertmanager;

/// <summary>An ordered list of pairs with Alertmanager's <c>.Names</c> and <c>.Values</c> methods.</summary>
public sealed class Pairs : ReadOnlyCollection<Pair>, ITemplateObject
{
    /// <summary>Wraps <paramref name="pairs"/>.</summary>
    /// <param name="pairs">The pairs, in order.</param>
    public Pairs(IList<Pair> pairs)
        : base(pairs)
    {
    }

    /// <inheritdoc/>
    public string TypeName => "template.Pairs";

    /// <summary>The names in order.</summary>
    /// <returns>The names.</returns>
    public IReadOnlyList<string> Names() => [.. this.Select(p => p.Name)];

    /// <summary>The values in order.</summary>
    /// <returns>The values.</returns>
    public IReadOnlyList<string> Values() => [.. this.Select(p => p.Value)];

    /// <inheritdoc/>
    public bool TryGetField(string name, out object? value)
    {
        (var found, value) = name switch
        {
            "Names" => (true, (object?)Names()),
            "Values" => (true, Values()),
            "String" => (true, ToString()),
            _ => (false, null),
        };
        return found;
    }

    /// <summary>Formats as Alertmanager does: <c>name=value, name=value</c>.</summary>
    /// <returns>The formatted pairs.</returns>
    public override string ToString() => string.Join(", ", this.Select(p => p.Name + "=" + p.Value));
}
