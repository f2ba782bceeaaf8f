using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Pharos.Discovery.Dns;

namespace Pharos.Discovery.Tests.Dns;

/// <summary>One answer record a <see cref="FakeDnsServer"/> sends: rdata is built from the fields its type uses.</summary>
internal sealed record FakeRecord(string Name, DnsRecordType Type, string Target = "", IPAddress? Address = null, ushort Port = 0, ushort Priority = 0);

/// <summary>What the server answers to one question.</summary>
internal sealed record FakeAnswer(int ResponseCode, IReadOnlyList<FakeRecord> Records, bool TruncateOverUdp = false);

/// <summary>
/// A DNS server on 127.0.0.1 (UDP and TCP on one port) answering from a callback, recording every question and
/// the transport it came over. For resolver tests; the real-server check uses dnsmasq.
/// </summary>
internal sealed class FakeDnsServer : IAsyncDisposable
{
    private readonly Func<string, DnsRecordType, FakeAnswer> _answer;
    private readonly UdpClient _udp;
    private readonly TcpListener _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;

    public FakeDnsServer(Func<string, DnsRecordType, FakeAnswer> answer)
    {
        _answer = answer;
        _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;
        _tcp = new TcpListener(IPAddress.Loopback, Port);
        _tcp.Start();
        _udpLoop = Task.Run(ServeUdpAsync);
        _tcpLoop = Task.Run(ServeTcpAsync);
    }

    public int Port { get; }

    public System.Collections.Concurrent.ConcurrentQueue<(string Name, DnsRecordType Type, string Transport)> Questions { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp.Stop();
        await Task.WhenAll(_udpLoop, _tcpLoop).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    /// <summary>Encodes a response to a query (its id and question copied), names uncompressed.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> query, FakeAnswer answer, bool truncated)
    {
        var offset = 12;
        var questionName = DnsMessage.ReadName(query, ref offset);
        var buffer = new byte[4096];
        var span = buffer.AsSpan();
        query[..2].CopyTo(span);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)(0x8180 | (truncated ? 0x0200 : 0) | answer.ResponseCode));
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], 1);
        var records = truncated ? [] : answer.Records;
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)records.Count);
        var at = 12 + DnsMessage.WriteName(span[12..], questionName);
        query.Slice(offset, 4).CopyTo(span[at..]);
        at += 4;
        foreach (var r in records)
        {
            at += DnsMessage.WriteName(span[at..], r.Name);
            BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)r.Type);
            BinaryPrimitives.WriteUInt16BigEndian(span[(at + 2)..], 1);
            BinaryPrimitives.WriteUInt32BigEndian(span[(at + 4)..], 30);
            var rdata = at + 10;
            var length = r.Type switch
            {
                DnsRecordType.A or DnsRecordType.AAAA => Bytes(r.Address!.GetAddressBytes(), span[rdata..]),
                DnsRecordType.SRV => Srv(r, span[rdata..]),
                DnsRecordType.MX => Mx(r, span[rdata..]),
                _ => DnsMessage.WriteName(span[rdata..], r.Target),
            };
            BinaryPrimitives.WriteUInt16BigEndian(span[(at + 8)..], (ushort)length);
            at = rdata + length;
        }

        return buffer[..at];
    }

    private static int Bytes(byte[] bytes, Span<byte> destination)
    {
        bytes.CopyTo(destination);
        return bytes.Length;
    }

    private static int Srv(FakeRecord r, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, r.Priority);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], 5);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], r.Port);
        return 6 + DnsMessage.WriteName(destination[6..], r.Target);
    }

    private static int Mx(FakeRecord r, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, r.Priority);
        return 2 + DnsMessage.WriteName(destination[2..], r.Target);
    }

    private FakeAnswer Answer(ReadOnlySpan<byte> query, string transport)
    {
        var offset = 12;
        var name = DnsMessage.ReadName(query, ref offset);
        var type = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(query[offset..]);
        Questions.Enqueue((name, type, transport));
        return _answer(name, type);
    }

    private async Task ServeUdpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var answer = Answer(received.Buffer, "udp");
            await _udp.SendAsync(Encode(received.Buffer, answer, answer.TruncateOverUdp), received.RemoteEndPoint);
        }
    }

    private async Task ServeTcpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _tcp.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var length = new byte[2];
                await stream.ReadExactlyAsync(length, _stop.Token);
                var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
                await stream.ReadExactlyAsync(query, _stop.Token);
                var response = Encode(query, Answer(query, "tcp"), truncated: false);
                BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)response.Length);
                await stream.WriteAsync(length, _stop.Token);
                await stream.WriteAsync(response, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }
}
