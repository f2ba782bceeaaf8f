namespace Pharos.Templating.Values;

/// <summary>
/// Text already known to be safe HTML (Go's <c>html/template.HTML</c>): the HTML escaping mode writes it unescaped.
/// Produced by the <c>safeHtml</c> function.
/// </summary>
/// <param name="Value">The HTML text.</param>
public readonly record struct SafeHtml(string Value)
{
    /// <inheritdoc/>
    public override string ToString() => Value;
}
