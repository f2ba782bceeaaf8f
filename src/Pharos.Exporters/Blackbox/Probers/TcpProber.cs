using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Pharos.Exporters.Blackbox.Probers;

/// <summary>
/// The <c>tcp</c> prober: connects to <c>host:port</c> (over TLS with <c>tls: true</c>) and runs the
/// <c>query_response</c> dialogue line by line: <c>expect</c> reads lines until one matches, <c>send</c> writes a line
/// (with <c>${1}</c> references to the last match), <c>starttls</c> upgrades the connection, as upstream's
/// <c>ProbeTCP</c>.
/// </summary>
internal sealed class TcpProber : IProber
{
    /// <inheritdoc />
    public async Task<bool> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var m = context.Metrics;
        var config = context.Module.Tcp;
        var log = context.Logger;
        var failedRegex = m.Gauge("probe_failed_due_to_regex", "Indicates if probe failed due to regex");
        if (!TrySplitHostPort(context.Target, out var host, out var port))
        {
            log.LogProbeError("Error splitting target address and port", context.Target);
            return false;
        }

        var resolved = await TargetResolver.ResolveAsync(context, host, config.PreferredIpProtocol, config.IpProtocolFallback, cancellationToken).ConfigureAwait(false);
        if (resolved is not { } r)
        {
            return false;
        }

        using var socket = new Socket(r.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (config.SourceIpAddress is { Length: > 0 } source)
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
            }

            log.LogProbeInfo($"Dialing TCP {(config.Tls ? "with TLS " : string.Empty)}address={r.Address}:{port}");
            await socket.ConnectAsync(new IPEndPoint(r.Address, port), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or FormatException)
        {
            log.LogProbeError("Error dialing TCP", e.Message);
            return false;
        }

        log.LogProbeInfo("Successfully dialed");
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            var tlsServerName = config.TlsConfig?.ServerName is { Length: > 0 } name ? name : host;
            if (config.Tls)
            {
                stream = await UpgradeAsync(stream, tlsServerName, context, cancellationToken).ConfigureAwait(false);
            }

            var reader = new LineReader(stream);
            Match? lastMatch = null;
            foreach (var (step, index) in (config.QueryResponse ?? []).Select((s, i) => (s, i)))
            {
                if (step.Expect is { Length: > 0 } expect)
                {
                    var regex = Config.BlackboxConfig.Compile(expect);
                    log.LogProbeInfo($"Processing query response entry entry_number={index}");
                    string? line;
                    lastMatch = null;
                    while ((line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)) is not null)
                    {
                        log.LogProbeInfo($"Read line line={line}");
                        var match = regex.Match(line);
                        if (match.Success)
                        {
                            lastMatch = match;
                            log.LogProbeInfo($"Regexp matched regexp={expect} line={line}");
                            break;
                        }
                    }

                    if (lastMatch is null)
                    {
                        log.LogProbeError("Regexp did not match", expect);
                        m.Set(failedRegex, 1);
                        return false;
                    }

                    if (step.Labels is { Count: > 0 } labels)
                    {
                        m.GaugeVec("probe_expect_info", "Explicit content matched", [.. labels.Select(l => l.Name)]);
                        m.SetWith("probe_expect_info", 1, [.. labels.Select(l => lastMatch.Result(l.Value))]);
                    }

                    m.Set(failedRegex, 0);
                }

                if (step.Send is { Length: > 0 } send)
                {
                    var text = lastMatch is null ? send : lastMatch.Result(send);
                    log.LogProbeInfo($"Sending line line={text}");
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(text + "\n"), cancellationToken).ConfigureAwait(false);
                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                if (step.Starttls)
                {
                    stream = await UpgradeAsync(stream, tlsServerName, context, cancellationToken).ConfigureAwait(false);
                    reader = new LineReader(stream);
                    log.LogProbeInfo("TLS connection upgrade successful");
                }
            }

            return true;
        }
        catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException or ArgumentException)
        {
            log.LogProbeError("Error in TCP exchange", e.Message);
            return false;
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Splits <c>host:port</c> (with <c>[v6]:port</c>); the port is required, as for upstream.</summary>
    /// <param name="target">The target.</param>
    /// <param name="host">The host.</param>
    /// <param name="port">The port.</param>
    /// <returns>Whether the target has both parts.</returns>
    public static bool TrySplitHostPort(string target, out string host, out int port)
    {
        host = string.Empty;
        port = 0;
        var colon = target.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(target.AsSpan(colon + 1), out port) || port is < 0 or > 65535)
        {
            return false;
        }

        host = target[..colon].TrimStart('[').TrimEnd(']');
        return true;
    }

    private static async Task<Stream> UpgradeAsync(Stream inner, string serverName, ProbeContext context, CancellationToken cancellationToken)
    {
        var state = new TlsInspector.HandshakeState();
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsClientAsync(TlsInspector.ClientOptions(context.Module.Tcp.TlsConfig, serverName, state), cancellationToken).ConfigureAwait(false);
        state.Protocol = ssl.SslProtocol;
        TlsInspector.Report(context.Metrics, state);
        return ssl;
    }

    /// <summary>Reads newline-terminated lines without consuming past them (the stream may be upgraded to TLS).</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] _one = new byte[1];

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new List<byte>();
            while (true)
            {
                var read = await stream.ReadAsync(_one, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return line.Count == 0 ? null : Encoding.UTF8.GetString([.. line]);
                }

                if (_one[0] == (byte)'\n')
                {
                    if (line.Count > 0 && line[^1] == (byte)'\r')
                    {
                        line.RemoveAt(line.Count - 1);
                    }

                    return Encoding.UTF8.GetString([.. line]);
                }

                line.Add(_one[0]);
            }
        }
    }
}
