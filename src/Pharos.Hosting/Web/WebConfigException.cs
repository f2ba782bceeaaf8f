namespace Pharos.Hosting.Web;

/// <summary>A <c>--web.config.file</c> that cannot be read or is invalid; the message says why, as upstream words it.</summary>
public sealed class WebConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebConfigException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public WebConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public WebConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
