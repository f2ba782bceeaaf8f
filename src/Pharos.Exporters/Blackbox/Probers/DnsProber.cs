using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Pharos.Exporters.Blackbox.Config;
using Pharos.Exporters.Blackbox.Dns;

namespace Pharos.Exporters.Blackbox.Probers;

/// <summary>
/// The <c>dns</c> prober: one query for <c>query_name</c>/<c>query_type</c> to the target server over UDP or TCP, then
/// the rcode and the answer, authority and additional sections are checked, as upstream's <c>ProbeDNS</c>.
/// </summary>
internal sealed class DnsProber : IProber
{
    private const string Duration = "probe_dns_duration_seconds";

    /// <inheritdoc />
    public async Task<bool> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var m = context.Metrics;
        var config = context.Module.Dns;
        var log = context.Logger;
        m.GaugeVec(Duration, "Duration of DNS request by phase", "phase");
        var answerRrs = m.Gauge("probe_dns_answer_rrs", "Returns number of entries in the answer resource record list");
        var authorityRrs = m.Gauge("probe_dns_authority_rrs", "Returns number of entries in the authority resource record list");
        var additionalRrs = m.Gauge("probe_dns_additional_rrs", "Returns number of entries in the additional resource record list");
        var succeeded = m.Gauge("probe_dns_query_succeeded", "Displays whether or not the query was executed successfully");

        if (string.IsNullOrEmpty(config.QueryName))
        {
            log.LogProbeError("query name must be set for DNS module", context.Target);
            return false;
        }

        string host;
        int port;
        if (!TcpProber.TrySplitHostPort(context.Target, out host, out port))
        {
            host = context.Target.TrimStart('[').TrimEnd(']');
            port = 53;
        }

        var resolved = await TargetResolver.ResolveAsync(context, host, config.PreferredIpProtocol, config.IpProtocolFallback, cancellationToken).ConfigureAwait(false);
        if (resolved is not { } r)
        {
            return false;
        }

        m.SetWith(Duration, r.LookupTime.TotalSeconds, "resolve");
        DnsMessage.TryGetType(config.QueryType ?? "ANY", out var type);
        DnsMessage.TryGetClass(config.QueryClass ?? "IN", out var klass);
        var id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
        var query = DnsMessage.EncodeQuery(id, config.QueryName, type, klass, config.RecursionDesired);
        var endpoint = new IPEndPoint(r.Address, port);
        var tcp = config.TransportProtocol == "tcp";
        log.LogProbeInfo($"Making DNS query target={endpoint} dial_protocol={(tcp ? "tcp" : "udp")} query={config.QueryName} type={config.QueryType} class={config.QueryClass}");
        DnsMessage response;
        var connected = 0L;
        try
        {
            var start = Stopwatch.GetTimestamp();
            using var socket = new Socket(r.Address.AddressFamily, tcp ? SocketType.Stream : SocketType.Dgram, tcp ? ProtocolType.Tcp : ProtocolType.Udp);
            if (config.SourceIpAddress is { Length: > 0 } source)
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
            }

            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            connected = Stopwatch.GetTimestamp();
            m.SetWith(Duration, Stopwatch.GetElapsedTime(start, connected).TotalSeconds, "connect");
            var buffer = new byte[65535];
            int length;
            if (tcp)
            {
                var framed = new byte[query.Length + 2];
                framed[0] = (byte)(query.Length >> 8);
                framed[1] = (byte)query.Length;
                query.CopyTo(framed, 2);
                await socket.SendAsync(framed, cancellationToken).ConfigureAwait(false);
                await ReceiveExactlyAsync(socket, buffer.AsMemory(0, 2), cancellationToken).ConfigureAwait(false);
                length = (buffer[0] << 8) | buffer[1];
                await ReceiveExactlyAsync(socket, buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await socket.SendAsync(query, cancellationToken).ConfigureAwait(false);
                while (true)
                {
                    length = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                    if (length >= 2 && ((buffer[0] << 8) | buffer[1]) == id)
                    {
                        break;
                    }
                }
            }

            m.SetWith(Duration, Stopwatch.GetElapsedTime(connected).TotalSeconds, "request");
            response = DnsMessage.Parse(buffer.AsSpan(0, length));
        }
        catch (Exception e) when (e is SocketException or IOException or FormatException)
        {
            if (connected != 0)
            {
                m.SetWith(Duration, Stopwatch.GetElapsedTime(connected).TotalSeconds, "request");
            }

            log.LogProbeError("Error while sending a DNS query", e.Message);
            return false;
        }

        log.LogProbeInfo($"Got response rcode={DnsMessage.RcodeName(response.Rcode)} answers={response.Answer.Count}");
        m.Set(succeeded, 1);
        m.Set(answerRrs, response.Answer.Count);
        m.Set(authorityRrs, response.Authority.Count);
        m.Set(additionalRrs, response.Additional.Count);
        if (response.Answer.FirstOrDefault(a => a.Type == 6) is { } soa)
        {
            m.Set("probe_dns_serial", "Returns the serial number of the zone", double.Parse(soa.Data.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture));
        }

        var validRcodes = config.ValidRcodes is { Count: > 0 } codes ? codes : ["NOERROR"];
        if (!validRcodes.Any(c => DnsMessage.RcodeOf(c) == response.Rcode))
        {
            log.LogProbeError("Rcode is not one of the valid rcodes", DnsMessage.RcodeName(response.Rcode));
            return false;
        }

        return Validate("answer", response.Answer, config.ValidateAnswerRrs, context)
            && Validate("authority", response.Authority, config.ValidateAuthorityRrs, context)
            && Validate("additional", response.Additional, config.ValidateAdditionalRrs, context);
    }

    /// <summary>Applies one section's validator, as upstream's <c>validRRs</c>.</summary>
    /// <param name="section">The section name for the log.</param>
    /// <param name="records">The section.</param>
    /// <param name="validator">The checks; null passes.</param>
    /// <param name="context">The probe.</param>
    /// <returns>Whether the section passes.</returns>
    internal static bool Validate(string section, List<DnsRecord> records, DnsRRValidator? validator, ProbeContext context)
    {
        if (validator is null)
        {
            return true;
        }

        var lines = records.Select(r => r.ToString()).ToArray();
        foreach (var pattern in validator.FailIfMatchesRegexp ?? [])
        {
            var regex = BlackboxConfig.Compile(pattern);
            if (lines.FirstOrDefault(regex.IsMatch) is { } line)
            {
                context.Logger.LogProbeError($"At least one RR in {section} matched regexp", $"{pattern}: {line}");
                return false;
            }
        }

        foreach (var pattern in validator.FailIfAllMatchRegexp ?? [])
        {
            var regex = BlackboxConfig.Compile(pattern);
            if (lines.Length > 0 && lines.All(regex.IsMatch))
            {
                context.Logger.LogProbeError($"All RRs in {section} matched regexp", pattern);
                return false;
            }
        }

        foreach (var pattern in validator.FailIfNotMatchesRegexp ?? [])
        {
            var regex = BlackboxConfig.Compile(pattern);
            if (lines.FirstOrDefault(l => !regex.IsMatch(l)) is { } line)
            {
                context.Logger.LogProbeError($"At least one RR in {section} did not match regexp", $"{pattern}: {line}");
                return false;
            }
        }

        foreach (var pattern in validator.FailIfNoneMatchesRegexp ?? [])
        {
            var regex = BlackboxConfig.Compile(pattern);
            if (!lines.Any(regex.IsMatch))
            {
                context.Logger.LogProbeError($"None of the RRs in {section} matched regexp", pattern);
                return false;
            }
        }

        return true;
    }

    private static async Task ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer[read..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new IOException("dns: connection closed");
            }

            read += n;
        }
    }
}
