using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pharos.Exporters.Blackbox;

/// <summary>
/// Resolves a probe target's host to one address with the module's IP protocol preference and fallback, as upstream's
/// <c>chooseProtocol</c>: registers <c>probe_ip_protocol</c>, <c>probe_ip_addr_hash</c> and
/// <c>probe_dns_lookup_time_seconds</c>.
/// </summary>
internal static class TargetResolver
{
    /// <summary>Resolves <paramref name="host"/>; null (with the reason logged) when it cannot be.</summary>
    /// <param name="context">The probe.</param>
    /// <param name="host">A host name or IP literal.</param>
    /// <param name="preferredProtocol"><c>ip4</c> or <c>ip6</c> (the default).</param>
    /// <param name="fallback">Whether the other family may be used.</param>
    /// <param name="cancellationToken">The probe deadline.</param>
    /// <returns>The address and the lookup time.</returns>
    public static async Task<(IPAddress Address, TimeSpan LookupTime)?> ResolveAsync(
        ProbeContext context, string host, string? preferredProtocol, bool fallback, CancellationToken cancellationToken)
    {
        var metrics = context.Metrics;
        var protocol = metrics.Gauge("probe_ip_protocol", "Specifies whether probe ip protocol is IP4 or IP6");
        var lookup = metrics.Gauge("probe_dns_lookup_time_seconds", "Returns the time taken for probe dns lookup in seconds");
        var hash = metrics.Gauge("probe_ip_addr_hash", "Specifies the hash of IP address. It's useful to detect if the IP address changes.");
        var family = preferredProtocol == "ip4" ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        var start = Stopwatch.GetTimestamp();
        context.Logger.LogResolving(host);
        IPAddress[] addresses;
        host = host.TrimStart('[').TrimEnd(']');
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await System.Net.Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                context.Logger.LogProbeError("Resolution with IP protocol failed", e.Message);
                return null;
            }
        }

        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == family);
        if (chosen is null && fallback)
        {
            chosen = addresses.FirstOrDefault(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6);
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        metrics.Set(lookup, elapsed.TotalSeconds);
        if (chosen is null)
        {
            context.Logger.LogProbeError("Resolution with IP protocol failed", $"no {(family == AddressFamily.InterNetwork ? "ip4" : "ip6")} address for {host}");
            return null;
        }

        metrics.Set(protocol, chosen.AddressFamily == AddressFamily.InterNetwork ? 4 : 6);
        metrics.Set(hash, Fnv32a(chosen.GetAddressBytes()));
        context.Logger.LogResolved(host, chosen.ToString());
        return (chosen, elapsed);
    }

    /// <summary>32-bit FNV-1a of the address bytes (4 for IPv4, 16 for IPv6), the hash upstream reports.</summary>
    /// <param name="address">The address bytes.</param>
    /// <returns>The hash.</returns>
    public static uint Fnv32a(ReadOnlySpan<byte> address)
    {
        var hash = 2166136261u;
        foreach (var b in address)
        {
            hash ^= b;
            hash *= 16777619u;
        }

        return hash;
    }
}
