namespace Pharos.Model;

/// <summary>One label: a name and its value. Both are never null; an empty value means "label absent".</summary>
/// <param name="Name">The label name.</param>
/// <param name="Value">The label value.</param>
public readonly record struct Label(string Name, string Value)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}=\"{Value}\"";
}
