namespace Pharos.Templating.Functions;

/// <summary>Go's <c>net.SplitHostPort</c> and <c>net.JoinHostPort</c>.</summary>
internal static class HostPort
{
    public static bool TrySplit(string hostPort, out string host, out string port)
    {
        host = "";
        port = "";
        var colon = hostPort.LastIndexOf(':');
        if (colon < 0)
        {
            return false;
        }

        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 != colon)
            {
                return false;
            }

            host = hostPort[1..close];
        }
        else
        {
            host = hostPort[..colon];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                // Too many colons: an IPv6 address needs brackets.
                return false;
            }
        }

        port = hostPort[(colon + 1)..];
        return true;
    }

    public static string Join(string host, string port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
}
