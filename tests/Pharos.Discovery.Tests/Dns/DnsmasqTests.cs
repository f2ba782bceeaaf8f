using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Config.Discovery;
using Pharos.Discovery.Dns;
using Pharos.Model;
using Pharos.Testing;
using Pharos.Testing.Peers;

namespace Pharos.Discovery.Tests.Dns;

/// <summary>DNS discovery against Debian's dnsmasq on 127.0.0.1, serving SRV, A and AAAA records of its own.</summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class DnsmasqTests : IAsyncLifetime
{
    private readonly int _port = FreePort.Next();
    private readonly string _dir = Directory.CreateTempSubdirectory("pharos-dnsmasq-").FullName;
    private PeerProcess? _dnsmasq;

    private string ResolvConf => Path.Combine(_dir, "resolv.conf");

    public async Task InitializeAsync()
    {
        System.IO.File.WriteAllText(ResolvConf, "nameserver 127.0.0.1\nsearch example.test\noptions timeout:1 attempts:3\n");
        _dnsmasq = PeerProcess.Start("/usr/sbin/dnsmasq",
        [
            "--no-resolv", "--no-hosts", "--conf-file=/dev/null", "--keep-in-foreground", "--pid-file=",
            $"--port={_port}", "--listen-address=127.0.0.1", "--bind-interfaces", "--user=root", "--log-facility=-",
            "--local=/example.test/",
            "--srv-host=_node._tcp.example.test,node1.example.test,9100,0,0",
            "--srv-host=_node._tcp.example.test,node2.example.test,9101,1,0",
            "--host-record=node1.example.test,127.0.0.11,::11",
            "--host-record=node2.example.test,127.0.0.12",
            "--cname=alias.example.test,node1.example.test",
        ]);

        // Ready when it answers; the deadline only bounds a broken start.
        var resolver = new DnsResolver(ResolvConf, _port, NullLogger.Instance);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                if ((await resolver.LookupAsync("node2.example.test.", DnsRecordType.A, CancellationToken.None)).Count > 0)
                {
                    return;
                }
            }
            catch (DnsException) when (DateTime.UtcNow < deadline && !_dnsmasq.HasExited)
            {
            }

            if (DateTime.UtcNow >= deadline || _dnsmasq.HasExited)
            {
                throw new InvalidOperationException("dnsmasq did not answer:\n" + _dnsmasq.Output);
            }

            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (_dnsmasq is not null)
        {
            await _dnsmasq.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Srv_records_become_targets_with_the_record_target_and_port()
    {
        var groups = await Discoverer(new DnsSdConfig { Names = ["_node._tcp"] }).RefreshAsync(CancellationToken.None);

        var group = Assert.Single(groups);
        Assert.Equal("_node._tcp", group.Source);
        Assert.Equal(
            [
                Labels.FromStrings("__address__", "node1.example.test:9100", "__meta_dns_name", "_node._tcp", "__meta_dns_srv_record_port", "9100", "__meta_dns_srv_record_target", "node1.example.test."),
                Labels.FromStrings("__address__", "node2.example.test:9101", "__meta_dns_name", "_node._tcp", "__meta_dns_srv_record_port", "9101", "__meta_dns_srv_record_target", "node2.example.test."),
            ],
            group.Targets.Order());
    }

    [Fact]
    public async Task A_and_aaaa_records_use_the_configured_port()
    {
        var a = await Discoverer(new DnsSdConfig { Names = ["node1.example.test"], Type = "A", Port = 9100 }).RefreshAsync(CancellationToken.None);
        var aaaa = await Discoverer(new DnsSdConfig { Names = ["node1.example.test"], Type = "AAAA", Port = 9100 }).RefreshAsync(CancellationToken.None);

        Assert.Equal(Labels.FromStrings("__address__", "127.0.0.11:9100", "__meta_dns_name", "node1.example.test"), Assert.Single(Assert.Single(a).Targets));
        Assert.Equal(Labels.FromStrings("__address__", "[::11]:9100", "__meta_dns_name", "node1.example.test"), Assert.Single(Assert.Single(aaaa).Targets));
    }

    [Fact]
    public async Task An_alias_resolves_through_its_cname()
    {
        var groups = await Discoverer(new DnsSdConfig { Names = ["alias.example.test"], Type = "A", Port = 80 }).RefreshAsync(CancellationToken.None);

        Assert.Equal(["127.0.0.11:80"], Assert.Single(groups).Targets.Select(t => t.Get("__address__")));
    }

    [Fact]
    public async Task The_manager_publishes_dns_targets_for_a_job()
    {
        await using var manager = new DiscoveryManager(NullLoggerFactory.Instance, TimeProvider.System, new DiscoveryManagerOptions { ResolvConfPath = ResolvConf, DnsPort = _port, UpdateInterval = TimeSpan.FromMilliseconds(100) });
        using var stop = new CancellationTokenSource();
        var run = manager.RunAsync(stop.Token);
        manager.ApplyConfig(new Dictionary<string, IReadOnlyList<IServiceDiscoveryConfig>>
        {
            ["node"] = [new DnsSdConfig { Names = ["_node._tcp.example.test."] }],
        });

        IReadOnlyDictionary<string, IReadOnlyList<DiscoveredTargetGroup>> snapshot;
        do
        {
            snapshot = await manager.Updates.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        }
        while (snapshot["node"].Count == 0);

        Assert.Equal(["node1.example.test:9100", "node2.example.test:9101"], TestGroups.Addresses(snapshot, "node").Order());
        await stop.CancelAsync();
        await run;
    }

    private DiscoveryManagerOptions Options() => new() { ResolvConfPath = ResolvConf, DnsPort = _port };

    private DnsDiscoverer Discoverer(DnsSdConfig config) => new(config, new TestContext(Options()).Options);
}
