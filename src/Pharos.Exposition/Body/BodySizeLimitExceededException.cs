namespace Pharos.Exposition.Body;

/// <summary>
/// A response body exceeded its byte limit; reading stopped at the limit. Prometheus reports this as
/// <c>body size limit exceeded</c> and fails the scrape.
/// </summary>
public sealed class BodySizeLimitExceededException : IOException
{
    /// <summary>Creates the exception.</summary>
    public BodySizeLimitExceededException()
        : base("body size limit exceeded")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public BodySizeLimitExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BodySizeLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a limit.</summary>
    /// <param name="limitBytes">The limit that was hit.</param>
    /// <param name="compressed">Whether the compressed (wire) size hit its limit.</param>
    public BodySizeLimitExceededException(long limitBytes, bool compressed)
        : base(compressed
            ? $"body size limit exceeded: compressed body larger than {limitBytes} bytes"
            : $"body size limit exceeded: body reached the limit of {limitBytes} bytes")
    {
        LimitBytes = limitBytes;
        Compressed = compressed;
    }

    /// <summary>The limit that was hit, in bytes.</summary>
    public long LimitBytes { get; }

    /// <summary>Whether the limit on the compressed (wire) bytes was hit rather than the decoded size.</summary>
    public bool Compressed { get; }
}
