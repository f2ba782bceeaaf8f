namespace Pharos.PromQL.Engine;

/// <summary>
/// Warnings and infos attached to a query result, as upstream's annotations. Texts carry upstream's prefixes
/// (<c>PromQL warning: </c>, <c>PromQL info: </c>); duplicates are kept once. Not thread-safe.
/// </summary>
public sealed class Annotations
{
    private readonly List<string> _warnings = [];
    private readonly List<string> _infos = [];

    /// <summary>The warnings, in the order first raised.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The infos, in the order first raised.</summary>
    public IReadOnlyList<string> Infos => _infos;

    /// <summary>Adds a warning; the prefix is added here.</summary>
    /// <param name="text">The text without prefix.</param>
    public void AddWarning(string text) => AddOnce(_warnings, "PromQL warning: " + text);

    /// <summary>Adds an info; the prefix is added here.</summary>
    /// <param name="text">The text without prefix.</param>
    public void AddInfo(string text) => AddOnce(_infos, "PromQL info: " + text);

    /// <summary>Adds a storage warning as is.</summary>
    /// <param name="text">The text.</param>
    public void AddRawWarning(string text) => AddOnce(_warnings, text);

    private static void AddOnce(List<string> list, string text)
    {
        if (!list.Contains(text))
        {
            list.Add(text);
        }
    }
}
