namespace Pharos.Exporters.Blackbox.Config;

/// <summary>A modules file that does not parse or fails validation; the message is the operator-facing reason.</summary>
public sealed class BlackboxConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BlackboxConfigException()
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    /// <param name="message">The reason.</param>
    public BlackboxConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and its cause.</summary>
    /// <param name="message">The reason.</param>
    /// <param name="innerException">The cause.</param>
    public BlackboxConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
