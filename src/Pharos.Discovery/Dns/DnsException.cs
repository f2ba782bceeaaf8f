namespace Pharos.Discovery.Dns;

/// <summary>A DNS lookup got no usable answer.</summary>
internal sealed class DnsException : Exception
{
    public DnsException()
    {
    }

    public DnsException(string message)
        : base(message)
    {
    }

    public DnsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
