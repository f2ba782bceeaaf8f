namespace Pharos.Templating;

/// <summary>
/// A template failed to parse or to execute. <see cref="Exception.Message"/> is worded as Go's
/// <c>text/template</c> words it (<c>template: name:1: unexpected "}" in operand</c>,
/// <c>template: name:1:2: executing "name" at &lt;.Foo&gt;: …</c>) so users can search upstream documentation.
/// </summary>
public sealed class TemplateException : Exception
{
    /// <summary>Creates an exception with a Go-style message.</summary>
    /// <param name="message">The complete message.</param>
    public TemplateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a Go-style message and the exception that caused it.</summary>
    /// <param name="message">The complete message.</param>
    /// <param name="innerException">The cause.</param>
    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with an empty message.</summary>
    public TemplateException()
    {
    }
}
