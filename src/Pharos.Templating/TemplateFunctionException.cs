namespace Pharos.Templating;

/// <summary>
/// Thrown by a template function to report an error value, as a Go function returns a non-nil <c>error</c>. The
/// executor wraps it as <c>error calling NAME: MESSAGE</c> with the position of the call.
/// </summary>
public sealed class TemplateFunctionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The error text, without the function name.</param>
    public TemplateFunctionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an empty message.</summary>
    public TemplateFunctionException()
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">The error text.</param>
    /// <param name="innerException">The cause.</param>
    public TemplateFunctionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
