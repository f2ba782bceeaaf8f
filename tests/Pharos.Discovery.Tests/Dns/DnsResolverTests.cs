using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Discovery.Dns;

namespace Pharos.Discovery.Tests.Dns;

public sealed class DnsResolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pharos-dns-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_truncated_udp_answer_is_asked_again_over_tcp()
    {
        await using var server = new FakeDnsServer((name, _) =>
            new FakeAnswer(0, [new FakeRecord(name, DnsRecordType.A, Address: IPAddress.Parse("10.1.1.1"))], TruncateOverUdp: true));

        var records = await Resolver(server, "nameserver 127.0.0.1").LookupAsync("big.example.", DnsRecordType.A, CancellationToken.None);

        Assert.Equal("10.1.1.1", Assert.Single(records).Address!.ToString());
        Assert.Equal(["udp", "tcp"], server.Questions.Select(q => q.Transport));
    }

    [Fact]
    public async Task Search_domains_are_tried_until_one_answers_successfully()
    {
        await using var server = new FakeDnsServer((name, _) => name == "web.s2.example."
            ? new FakeAnswer(0, [new FakeRecord(name, DnsRecordType.A, Address: IPAddress.Parse("10.2.2.2"))])
            : new FakeAnswer(3, []));

        var records = await Resolver(server, "nameserver 127.0.0.1\nsearch s1.example s2.example").LookupAsync("web", DnsRecordType.A, CancellationToken.None);

        Assert.Equal("10.2.2.2", Assert.Single(records).Address!.ToString());
        Assert.Equal(["web.s1.example.", "web.s2.example."], server.Questions.Select(q => q.Name));
    }

    [Fact]
    public async Task A_name_that_does_not_exist_anywhere_has_no_records()
    {
        await using var server = new FakeDnsServer((_, _) => new FakeAnswer(3, []));

        var records = await Resolver(server, "nameserver 127.0.0.1\nsearch s1.example").LookupAsync("nope", DnsRecordType.SRV, CancellationToken.None);

        Assert.Empty(records);
        Assert.Equal(2, server.Questions.Count);
    }

    [Fact]
    public async Task Server_failures_on_every_attempt_are_an_error()
    {
        await using var server = new FakeDnsServer((_, _) => new FakeAnswer(2, []));

        var e = await Assert.ThrowsAsync<DnsException>(() =>
            Resolver(server, "nameserver 127.0.0.1\noptions attempts:3").LookupAsync("x.example.", DnsRecordType.A, CancellationToken.None));

        Assert.Contains("all servers responded with errors", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Questions.Count);
    }

    [Fact]
    public async Task A_nameserver_that_does_not_answer_is_skipped_for_the_next()
    {
        await using var server = new FakeDnsServer((name, _) =>
            new FakeAnswer(0, [new FakeRecord(name, DnsRecordType.A, Address: IPAddress.Parse("10.3.3.3"))]));

        // Nothing listens on 127.0.0.2 at this port, so the first server refuses (or times out after one second).
        var records = await Resolver(server, "nameserver 127.0.0.2\nnameserver 127.0.0.1\noptions timeout:1").LookupAsync("h.example.", DnsRecordType.A, CancellationToken.None);

        Assert.Equal("10.3.3.3", Assert.Single(records).Address!.ToString());
    }

    [Fact]
    public async Task A_cname_chain_without_the_final_records_is_followed()
    {
        await using var server = new FakeDnsServer((name, _) => name switch
        {
            "alias.example." => new FakeAnswer(0, [new FakeRecord(name, DnsRecordType.CNAME, "mid.example.")]),
            "mid.example." => new FakeAnswer(0, [new FakeRecord(name, DnsRecordType.CNAME, "real.example.")]),
            _ => new FakeAnswer(0, [new FakeRecord(name, DnsRecordType.A, Address: IPAddress.Parse("10.4.4.4"))]),
        });

        var records = await Resolver(server, "nameserver 127.0.0.1").LookupAsync("alias.example.", DnsRecordType.A, CancellationToken.None);

        Assert.Equal([DnsRecordType.CNAME, DnsRecordType.CNAME, DnsRecordType.A], records.Select(r => r.Type));
        Assert.Equal(["alias.example.", "mid.example.", "real.example."], server.Questions.Select(q => q.Name));
    }

    [Fact]
    public async Task A_cname_loop_ends_after_a_bounded_number_of_hops()
    {
        await using var server = new FakeDnsServer((name, _) =>
            new FakeAnswer(0, [new FakeRecord(name, DnsRecordType.CNAME, name == "a.example." ? "b.example." : "a.example.")]));

        var records = await Resolver(server, "nameserver 127.0.0.1").LookupAsync("a.example.", DnsRecordType.A, CancellationToken.None);

        Assert.DoesNotContain(records, r => r.Type == DnsRecordType.A);
        Assert.Equal(9, server.Questions.Count);
    }

    private DnsResolver Resolver(FakeDnsServer server, string resolvConf)
    {
        var path = Path.Combine(_dir, "resolv.conf");
        System.IO.File.WriteAllText(path, resolvConf);
        return new DnsResolver(path, server.Port, NullLogger.Instance);
    }
}
