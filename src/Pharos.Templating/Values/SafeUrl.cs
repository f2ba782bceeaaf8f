namespace Pharos.Templating.Values;

/// <summary>A URL known to be safe (Go's <c>html/template.URL</c>), produced by Alertmanager's <c>safeUrl</c>.</summary>
/// <param name="Value">The URL text.</param>
public readonly record struct SafeUrl(string Value)
{
    /// <inheritdoc/>
    public override string ToString() => Value;
}
