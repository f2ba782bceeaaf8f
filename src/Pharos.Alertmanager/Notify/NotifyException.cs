namespace Pharos.Alertmanager.Notify;

/// <summary>A failed notification attempt.</summary>
public sealed class NotifyException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="retry">Whether another attempt may succeed (5xx, network errors), as upstream's recoverable errors.</param>
    /// <param name="inner">The cause.</param>
    public NotifyException(string message, bool retry, Exception? inner = null)
        : base(message, inner) => Retry = retry;

    /// <summary>Whether another attempt may succeed.</summary>
    public bool Retry { get; }
}
