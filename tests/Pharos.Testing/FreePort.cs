using System.Net;
using System.Net.Sockets;

namespace Pharos.Testing;

/// <summary>Finds a free TCP port on 127.0.0.1 for a test server.</summary>
public static class FreePort
{
    /// <summary>Asks the kernel for an unused loopback port.</summary>
    /// <returns>The port number.</returns>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
