using System.Collections;
using Pharos.Templating.Values;

namespace Pharos.Templating.Alertmanager;

/// <summary>
/// A label or annotation set as Alertmanager's template <c>KV</c>: a map (<c>.CommonLabels.severity</c>) with the
/// methods <c>SortedPairs</c> (alertname first, then by name), <c>Names</c>, <c>Values</c> and <c>Remove</c>. Immutable.
/// </summary>
public sealed class KV : IReadOnlyDictionary<string, string>, ITemplateObject
{
    private readonly Dictionary<string, string> _map;

    /// <summary>Copies <paramref name="entries"/>.</summary>
    /// <param name="entries">The names and values.</param>
    public KV(IEnumerable<KeyValuePair<string, string>> entries) => _map = new Dictionary<string, string>(entries, StringComparer.Ordinal);

    /// <summary>The empty set.</summary>
    public static KV Empty { get; } = new([]);

    /// <inheritdoc/>
    public string TypeName => "template.KV";

    /// <inheritdoc/>
    public int Count => _map.Count;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _map.Keys;

    IEnumerable<string> IReadOnlyDictionary<string, string>.Values => _map.Values;

    /// <inheritdoc/>
    public string this[string key] => _map[key];

    /// <summary>The pairs sorted by name, <c>alertname</c> first.</summary>
    /// <returns>The sorted pairs.</returns>
    public Pairs SortedPairs()
    {
        var keys = _map.Keys.Where(k => k != "alertname").Order(StringComparer.Ordinal).ToList();
        if (_map.ContainsKey("alertname"))
        {
            keys.Insert(0, "alertname");
        }

        return new Pairs([.. keys.Select(k => new Pair(k, _map[k]))]);
    }

    /// <summary>The names in <see cref="SortedPairs"/> order.</summary>
    /// <returns>The names.</returns>
    public IReadOnlyList<string> Names() => SortedPairs().Names();

    /// <summary>The values in <see cref="SortedPairs"/> order.</summary>
    /// <returns>The values.</returns>
    public IReadOnlyList<string> Values() => SortedPairs().Values();

    /// <summary>A copy without the given names.</summary>
    /// <param name="keys">The names to drop.</param>
    /// <returns>The reduced set.</returns>
    public KV Remove(IEnumerable<string> keys)
    {
        var drop = keys.ToHashSet(StringComparer.Ordinal);
        return new KV(_map.Where(e => !drop.Contains(e.Key)));
    }

    /// <inheritdoc/>
    public bool TryGetField(string name, out object? value)
    {
        (var found, value) = name switch
        {
            "SortedPairs" => (true, (object?)SortedPairs()),
            "Names" => (true, Names()),
            "Values" => (true, Values()),
            "String" => (true, ToString()),
            _ => (false, null),
        };
        return found;
    }

    /// <inheritdoc/>
    public bool TryCallMethod(string name, IReadOnlyList<object?> args, out object? result)
    {
        if (name == "Remove" && args.Count == 1)
        {
            if (args[0] is not IEnumerable keys || args[0] is string)
            {
                throw new TemplateFunctionException($"wrong type for value; expected []string; got {GoValues.TypeName(args[0])}");
            }

            result = Remove(keys.Cast<object?>().Select(k => k as string ?? throw new TemplateFunctionException($"wrong type for value; expected string; got {GoValues.TypeName(k)}")));
            return true;
        }

        result = null;
        return false;
    }

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _map.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out string value) => _map.TryGetValue(key, out value!);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _map.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Formats as Alertmanager does: the sorted pairs as <c>name=value, name=value</c>.</summary>
    /// <returns>The formatted set.</returns>
    public override string ToString() => SortedPairs().ToString();
}
