using System.Diagnostics.CodeAnalysis;

namespace Pharos.Templating.Functions;

/// <summary>
/// The functions a template may call, by name, with their arity. Parsing checks that every called function exists
/// (as Go does); execution checks argument counts. Mutable while being built; do not change it while templates
/// parsed with it execute.
/// </summary>
public sealed class TemplateFunctions
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>A table holding Go's built-in template functions.</summary>
    /// <returns>A new table.</returns>
    public static TemplateFunctions CreateBuiltins()
    {
        var table = new TemplateFunctions();
        BuiltinFunctions.AddTo(table);
        return table;
    }

    /// <summary>The names of all functions in the table.</summary>
    public IEnumerable<string> Names => _entries.Keys;

    /// <summary>Adds or replaces a function.</summary>
    /// <param name="name">The name templates call it by.</param>
    /// <param name="minArgs">The fewest arguments accepted.</param>
    /// <param name="maxArgs">The most arguments accepted, or -1 for variadic.</param>
    /// <param name="function">The implementation.</param>
    /// <returns>This table, for chaining.</returns>
    public TemplateFunctions Add(string name, int minArgs, int maxArgs, TemplateFunction function)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(function);
        _entries[name] = new Entry(name, minArgs, maxArgs, function);
        return this;
    }

    /// <summary>Whether a function of that name exists.</summary>
    /// <param name="name">The function name.</param>
    /// <returns>Whether it exists.</returns>
    public bool Contains(string name) => _entries.ContainsKey(name);

    /// <summary>A copy of this table, to extend without affecting the original.</summary>
    /// <returns>The copy.</returns>
    public TemplateFunctions Clone()
    {
        var copy = new TemplateFunctions();
        foreach (var (name, entry) in _entries)
        {
            copy._entries[name] = entry;
        }

        return copy;
    }

    internal bool TryGet(string name, [NotNullWhen(true)] out Entry? entry) => _entries.TryGetValue(name, out entry);

    internal sealed record Entry(string Name, int MinArgs, int MaxArgs, TemplateFunction Function);
}
