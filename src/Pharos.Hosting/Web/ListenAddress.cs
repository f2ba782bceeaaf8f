using System.Globalization;
using System.Net;

namespace Pharos.Hosting.Web;

/// <summary>
/// A <c>--web.listen-address</c> value as Go's <c>net.Listen("tcp", …)</c> reads it: <c>:9091</c> (all
/// interfaces), <c>host:port</c>, <c>0.0.0.0:9091</c>, or a bracketed IPv6 literal such as <c>[::1]:9091</c>.
/// Port 0 asks the kernel for a free port.
/// </summary>
/// <param name="Host">The host part; empty for all interfaces.</param>
/// <param name="Port">The TCP port.</param>
public readonly record struct ListenAddress(string Host, int Port)
{
    /// <summary>Whether the address means every interface (empty host, <c>0.0.0.0</c> or <c>::</c>).</summary>
    public bool IsAnyInterface => Host.Length == 0 || Host is "0.0.0.0" or "::";

    /// <summary>Parses a listen address.</summary>
    /// <param name="text">The flag value.</param>
    /// <param name="address">The parsed address.</param>
    /// <param name="error">Why the value is invalid, when false is returned.</param>
    /// <returns>True when <paramref name="text"/> is a valid address.</returns>
    public static bool TryParse(string? text, out ListenAddress address, out string? error)
    {
        address = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "missing address";
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            error = $"address {text}: missing port in address";
            return false;
        }

        var host = text[..colon];
        var portText = text[(colon + 1)..];
        if (host.StartsWith('['))
        {
            if (!host.EndsWith(']'))
            {
                error = $"address {text}: missing ']' in address";
                return false;
            }

            host = host[1..^1];
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                error = $"address {text}: invalid IPv6 address";
                return false;
            }
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            error = $"address {text}: too many colons in address";
            return false;
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"address {text}: invalid port";
            return false;
        }

        address = new ListenAddress(host, port);
        error = null;
        return true;
    }

    /// <summary>Parses a listen address or throws.</summary>
    /// <param name="text">The flag value.</param>
    /// <returns>The address.</returns>
    /// <exception cref="FormatException">The value is invalid.</exception>
    public static ListenAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    /// <summary>
    /// The IP addresses to bind: none for "any interface" (the caller binds the dual-stack wildcard), the literal for
    /// an IP, and the resolved addresses for a host name (<c>localhost</c> resolves to the loopback addresses).
    /// </summary>
    /// <returns>The addresses; empty means every interface.</returns>
    public IReadOnlyList<IPAddress> ResolveAddresses()
    {
        if (Host.Length == 0)
        {
            return [];
        }

        if (IPAddress.TryParse(Host, out var ip))
        {
            return [ip];
        }

        if (Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return System.Net.Sockets.Socket.OSSupportsIPv6 ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : [IPAddress.Loopback];
        }

        return Dns.GetHostAddresses(Host);
    }

    /// <summary>The address as written on the command line, with IPv6 literals bracketed.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

}
