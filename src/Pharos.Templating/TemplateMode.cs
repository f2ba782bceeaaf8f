namespace Pharos.Templating;

/// <summary>How action output is written.</summary>
public enum TemplateMode
{
    /// <summary>As Go's <c>text/template</c>: values are written as printed.</summary>
    Text,

    /// <summary>
    /// As Go's <c>html/template</c> in HTML text context: every action's output is HTML-escaped unless it is
    /// <see cref="Values.SafeHtml"/>. Contexts inside tags, attributes, scripts and URLs are not distinguished.
    /// </summary>
    Html,
}
