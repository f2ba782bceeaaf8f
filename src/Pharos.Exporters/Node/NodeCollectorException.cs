namespace Pharos.Exporters.Node;

/// <summary>A collector found its input missing or malformed; the scrape reports it as failed.</summary>
public sealed class NodeCollectorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NodeCollectorException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    public NodeCollectorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    /// <param name="innerException">The cause.</param>
    public NodeCollectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Whether this is upstream's "no data" case (the subsystem does not exist on this machine): it is logged at
    /// debug level instead of error, but still reports the collector as failed.
    /// </summary>
    public bool NoData { get; init; }

    /// <summary>Creates a "no data" exception.</summary>
    /// <param name="message">What is missing.</param>
    /// <returns>The exception.</returns>
    public static NodeCollectorException Missing(string message) => new(message) { NoData = true };
}
