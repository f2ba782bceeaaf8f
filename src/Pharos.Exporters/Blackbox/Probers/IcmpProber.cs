using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Pharos.Exporters.Blackbox.Probers;

/// <summary>
/// The <c>icmp</c> prober: one echo request over an unprivileged datagram ICMP socket (Linux
/// <c>net.ipv4.ping_group_range</c>); when the kernel refuses the socket, the probe fails with a log line saying so.
/// Reports <c>probe_icmp_duration_seconds{phase="resolve|setup|rtt"}</c> as upstream.
/// </summary>
internal sealed class IcmpProber : IProber
{
    private const string Duration = "probe_icmp_duration_seconds";

    /// <inheritdoc />
    public async Task<bool> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var m = context.Metrics;
        var config = context.Module.Icmp;
        var log = context.Logger;
        m.GaugeVec(Duration, "Duration of icmp request by phase", "phase");
        var resolved = await TargetResolver.ResolveAsync(context, context.Target, config.PreferredIpProtocol, config.IpProtocolFallback, cancellationToken).ConfigureAwait(false);
        if (resolved is not { } r)
        {
            return false;
        }

        m.SetWith(Duration, r.LookupTime.TotalSeconds, "resolve");
        var setupStart = Stopwatch.GetTimestamp();
        var v6 = r.Address.AddressFamily == AddressFamily.InterNetworkV6;
        Socket socket;
        var raw = false;
        try
        {
            socket = new Socket(r.Address.AddressFamily, SocketType.Dgram, v6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp);
        }
        catch (SocketException datagramError)
        {
            // Upstream uses a raw socket when privileged; do the same when the datagram socket is refused.
            try
            {
                socket = new Socket(r.Address.AddressFamily, SocketType.Raw, v6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp);
                raw = true;
            }
            catch (SocketException)
            {
                log.LogProbeError(
                    "Error creating an ICMP socket: unprivileged (datagram) ICMP is not permitted and raw sockets need CAP_NET_RAW; allow it with sysctl net.ipv4.ping_group_range covering this process's group",
                    datagramError.Message);
                return false;
            }
        }

        using (socket)
        {
            try
            {
                if (config.Ttl > 0)
                {
                    socket.Ttl = (short)config.Ttl;
                }

                if (config.SourceIpAddress is { Length: > 0 } source)
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                }

                var payload = new byte[Math.Max(config.PayloadSize, 8)];
                RandomNumberGenerator.Fill(payload);
                var packet = new byte[8 + payload.Length];
                packet[0] = v6 ? (byte)128 : (byte)8;
                var sequence = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue);
                BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), sequence);
                payload.CopyTo(packet, 8);
                m.SetWith(Duration, Stopwatch.GetElapsedTime(setupStart).TotalSeconds, "setup");
                log.LogProbeInfo($"Writing out packet sequence={sequence}");
                var sent = Stopwatch.GetTimestamp();
                await socket.SendToAsync(packet, new IPEndPoint(r.Address, 0), cancellationToken).ConfigureAwait(false);
                var buffer = new byte[65536];
                while (true)
                {
                    var received = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);

                    // A raw IPv4 socket delivers the IP header too; its TTL is the reply's hop limit.
                    var headerLength = raw && !v6 ? (buffer[0] & 0xF) * 4 : 0;
                    if (headerLength > 0)
                    {
                        m.Set("probe_icmp_reply_hop_limit", "Replied packet hop limit (TTL for ipv4)", buffer[8]);
                        Buffer.BlockCopy(buffer, headerLength, buffer, 0, received - headerLength);
                    }

                    var n = received - headerLength;

                    // The kernel rewrites the identifier of datagram ICMP sockets; match on type, sequence and payload.
                    var replyType = v6 ? 129 : 0;
                    if (n >= packet.Length && buffer[0] == replyType &&
                        BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(6)) == sequence &&
                        buffer.AsSpan(8, payload.Length).SequenceEqual(payload))
                    {
                        m.SetWith(Duration, Stopwatch.GetElapsedTime(sent).TotalSeconds, "rtt");
                        log.LogProbeInfo("Found matching reply packet");
                        return true;
                    }
                }
            }
            catch (SocketException e)
            {
                log.LogProbeError("Error sending or receiving ICMP packet", e.Message);
                return false;
            }
        }
    }
}
