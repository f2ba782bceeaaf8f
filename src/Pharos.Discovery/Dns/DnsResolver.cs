using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Pharos.Discovery.Dns;

/// <summary>
/// A stub resolver for DNS discovery, as upstream's: the resolver configuration is re-read on every lookup, each
/// name of the search list is asked of every nameserver (UDP with EDNS(0), TCP again when the answer is truncated),
/// and CNAME answers without the requested records are followed.
/// </summary>
internal sealed partial class DnsResolver(string resolvConfPath, int port, ILogger logger)
{
    // Longer chains are almost certainly loops; resolvers give up around here too.
    private const int MaxCnameHops = 8;

    /// <summary>
    /// Resolves <paramref name="name"/>: the answer records (possibly none when the name has no such records or does
    /// not exist anywhere in the search list).
    /// </summary>
    /// <exception cref="DnsException">At least one search name got no viable answer from any server and none succeeded.</exception>
    public async Task<IReadOnlyList<DnsRecord>> LookupAsync(string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        var conf = ResolvConf.Load(resolvConfPath);
        var allValid = true;
        foreach (var candidate in conf.NameList(name))
        {
            DnsMessage response;
            try
            {
                response = await LookupFromAnyServerAsync(conf, candidate, type, cancellationToken).ConfigureAwait(false);
            }
            catch (DnsException)
            {
                // A later name may still succeed, but "the name does not exist" can no longer be concluded.
                allValid = false;
                continue;
            }

            if (response.ResponseCode == 0)
            {
                return await FollowCnamesAsync(conf, response, type, cancellationToken).ConfigureAwait(false);
            }
        }

        return allValid
            ? []
            : throw new DnsException($"could not resolve \"{name}\": all servers responded with errors to at least one search domain");
    }

    private async Task<IReadOnlyList<DnsRecord>> FollowCnamesAsync(ResolvConf conf, DnsMessage response, DnsRecordType type, CancellationToken cancellationToken)
    {
        var answers = new List<DnsRecord>(response.Answers);
        for (var hop = 0; hop < MaxCnameHops; hop++)
        {
            if (answers.Any(r => r.Type == type))
            {
                break;
            }

            var cname = answers.LastOrDefault(r => r.Type == DnsRecordType.CNAME);
            if (cname is null)
            {
                break;
            }

            var next = await LookupFromAnyServerAsync(conf, cname.Target, type, cancellationToken).ConfigureAwait(false);
            if (next.ResponseCode != 0 || next.Answers.Count == 0)
            {
                break;
            }

            answers.AddRange(next.Answers);
        }

        return answers;
    }

    private async Task<DnsMessage> LookupFromAnyServerAsync(ResolvConf conf, string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < conf.Attempts; attempt++)
        {
            for (var i = 0; i < conf.Nameservers.Count; i++)
            {
                var server = new IPEndPoint(conf.Nameservers[(i + (conf.Rotate ? attempt : 0)) % conf.Nameservers.Count], port);
                try
                {
                    var response = await ExchangeAsync(server, name, type, conf.Timeout, cancellationToken).ConfigureAwait(false);

                    // Success and NXDOMAIN are answers; SERVFAIL, REFUSED and the like mean "ask someone else".
                    if (response.ResponseCode is 0 or 3)
                    {
                        return response;
                    }

                    LogServerError(logger, server.ToString(), name, response.ResponseCode);
                }
                catch (Exception e) when (e is SocketException or FormatException or DnsException or TimeoutException)
                {
                    LogResolutionFailed(logger, server.ToString(), name, e.Message);
                }
            }
        }

        throw new DnsException($"could not resolve {name}: no servers returned a viable answer");
    }

    private static async Task<DnsMessage> ExchangeAsync(IPEndPoint server, string name, DnsRecordType type, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            var id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
            var response = await ExchangeUdpAsync(server, id, name, type, timeoutSource.Token).ConfigureAwait(false);
            if (!response.Truncated)
            {
                return response;
            }

            id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
            response = await ExchangeTcpAsync(server, id, name, type, timeoutSource.Token).ConfigureAwait(false);
            return response.Truncated ? throw new DnsException("got truncated message on TCP (64kiB limit exceeded?)") : response;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer within {timeout.TotalSeconds:0.###}s");
        }
    }

    private static async Task<DnsMessage> ExchangeUdpAsync(IPEndPoint server, ushort id, string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        await socket.SendAsync(DnsMessage.EncodeQuery(id, name, type, edns: true), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[DnsMessage.EdnsPayloadSize];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            DnsMessage response;
            try
            {
                response = DnsMessage.Decode(buffer.AsSpan(0, received));
            }
            catch (FormatException)
            {
                // A stray or forged datagram: keep waiting for the real answer, as Go's resolver does.
                continue;
            }

            if (Matches(response, id, name, type))
            {
                return response;
            }
        }
    }

    private static async Task<DnsMessage> ExchangeTcpAsync(IPEndPoint server, ushort id, string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var query = DnsMessage.EncodeQuery(id, name, type, edns: false);
        var framed = new byte[query.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
        query.CopyTo(framed, 2);
        await stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
        var length = new byte[2];
        await stream.ReadExactlyAsync(length, cancellationToken).ConfigureAwait(false);
        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
        await stream.ReadExactlyAsync(message, cancellationToken).ConfigureAwait(false);
        var response = DnsMessage.Decode(message);
        return Matches(response, id, name, type) ? response : throw new DnsException("TCP answer does not match the question");
    }

    private static bool Matches(DnsMessage response, ushort id, string name, DnsRecordType type) =>
        response.IsResponse && response.Id == id && response.QuestionType == type &&
        string.Equals(response.QuestionName, name.EndsWith('.') ? name : name + ".", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DNS resolution failed: server {Server}, name {Name}: {Error}")]
    private static partial void LogResolutionFailed(ILogger logger, string server, string name, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DNS server {Server} answered {Name} with response code {ResponseCode}")]
    private static partial void LogServerError(ILogger logger, string server, string name, int responseCode);
}
