using System.Net;
using Pharos.Config.Discovery;
using Pharos.Discovery.Dns;
using Pharos.Model;

namespace Pharos.Discovery.Tests.Dns;

public sealed class DnsDiscovererTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pharos-dns-sd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("SRV", 0, "node1.example.", "__address__", "node1.example:9100", "__meta_dns_name", "_n._tcp.example.", "__meta_dns_srv_record_port", "9100", "__meta_dns_srv_record_target", "node1.example.")]
    [InlineData("A", 80, "10.0.0.7", "__address__", "10.0.0.7:80", "__meta_dns_name", "_n._tcp.example.")]
    [InlineData("AAAA", 80, "2001:db8::7", "__address__", "[2001:db8::7]:80", "__meta_dns_name", "_n._tcp.example.")]
    [InlineData("MX", 25, "mail.example.", "__address__", "mail.example:25", "__meta_dns_mx_record_target", "mail.example.", "__meta_dns_name", "_n._tcp.example.")]
    [InlineData("NS", 53, "ns1.example.", "__address__", "ns1.example:53", "__meta_dns_name", "_n._tcp.example.", "__meta_dns_ns_record_target", "ns1.example.")]
    public async Task Each_record_type_becomes_a_target_with_upstreams_meta_labels(string type, int port, string data, params string[] labels)
    {
        var recordType = Enum.Parse<DnsRecordType>(type);
        var record = recordType is DnsRecordType.A or DnsRecordType.AAAA
            ? new FakeRecord("_n._tcp.example.", recordType, Address: IPAddress.Parse(data))
            : new FakeRecord("_n._tcp.example.", recordType, data, Port: 9100);
        await using var server = new FakeDnsServer((_, _) => new FakeAnswer(0, [record]));
        var context = Context(server);

        var groups = await new DnsDiscoverer(new DnsSdConfig { Names = ["_n._tcp.example."], Type = type, Port = port }, context.Options).RefreshAsync(CancellationToken.None);

        var group = Assert.Single(groups);
        Assert.Equal("_n._tcp.example.", group.Source);
        Assert.Equal(Labels.FromStrings(labels), Assert.Single(group.Targets));
        Assert.Contains("prometheus_sd_dns_lookups_total 1", context.Exposition());
    }

    [Fact]
    public async Task A_failed_name_sends_no_group_and_counts_a_failure_while_the_others_resolve()
    {
        await using var server = new FakeDnsServer((name, _) => name == "bad.example."
            ? new FakeAnswer(2, [])
            : new FakeAnswer(0, [new FakeRecord(name, DnsRecordType.A, Address: IPAddress.Parse("10.0.0.1"))]));
        var context = Context(server);

        var groups = await new DnsDiscoverer(new DnsSdConfig { Names = ["bad.example.", "good.example."], Type = "A", Port = 9 }, context.Options).RefreshAsync(CancellationToken.None);

        Assert.Equal(["good.example."], groups.Select(g => g.Source));
        Assert.Contains("prometheus_sd_dns_lookups_total 2", context.Exposition());
        Assert.Contains("prometheus_sd_dns_lookup_failures_total 1", context.Exposition());
    }

    [Fact]
    public async Task A_name_without_records_sends_an_empty_group()
    {
        await using var server = new FakeDnsServer((_, _) => new FakeAnswer(3, []));

        var groups = await new DnsDiscoverer(new DnsSdConfig { Names = ["gone.example."] }, Context(server).Options).RefreshAsync(CancellationToken.None);

        Assert.Empty(Assert.Single(groups).Targets);
    }

    private TestContext Context(FakeDnsServer server)
    {
        var path = Path.Combine(_dir, "resolv.conf");
        System.IO.File.WriteAllText(path, "nameserver 127.0.0.1\n");
        return new TestContext(new DiscoveryManagerOptions { ResolvConfPath = path, DnsPort = server.Port });
    }
}
