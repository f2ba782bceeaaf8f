using System.Net;
using Pharos.Discovery.Dns;

namespace Pharos.Discovery.Tests.Dns;

public sealed class ResolvConfTests
{
    [Fact]
    public void Nameservers_search_and_options_are_read_as_gos_resolver_reads_them()
    {
        var conf = ResolvConf.Parse("""
            # comment
            ; another
            nameserver 10.0.0.1
            nameserver fe80::1
            nameserver not-an-ip
            nameserver 10.0.0.3
            nameserver 10.0.0.4
            search corp.example cluster.local
            options ndots:5 timeout:2 attempts:3 rotate
            """);

        Assert.Equal(["10.0.0.1", "fe80::1", "10.0.0.3"], conf.Nameservers.Select(s => s.ToString()));
        Assert.Equal(["corp.example.", "cluster.local."], conf.Search);
        Assert.Equal(5, conf.Ndots);
        Assert.Equal(TimeSpan.FromSeconds(2), conf.Timeout);
        Assert.Equal(3, conf.Attempts);
        Assert.True(conf.Rotate);
    }

    [Fact]
    public void An_empty_file_gives_the_local_host_and_the_defaults()
    {
        var conf = ResolvConf.Parse("");

        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], conf.Nameservers);
        Assert.Empty(conf.Search);
        Assert.Equal(1, conf.Ndots);
        Assert.Equal(TimeSpan.FromSeconds(5), conf.Timeout);
        Assert.Equal(2, conf.Attempts);
    }

    [Theory]
    [InlineData("options ndots:20", 15, 5, 2)]
    [InlineData("options ndots:0 timeout:0 attempts:0", 0, 1, 1)]
    [InlineData("options ndots:x timeout:-1", 1, 5, 2)]
    public void Options_are_clamped_as_go_clamps_them(string text, int ndots, int timeoutSeconds, int attempts)
    {
        var conf = ResolvConf.Parse(text);

        Assert.Equal(ndots, conf.Ndots);
        Assert.Equal(TimeSpan.FromSeconds(timeoutSeconds), conf.Timeout);
        Assert.Equal(attempts, conf.Attempts);
    }

    [Fact]
    public void The_last_search_or_domain_line_wins()
    {
        Assert.Equal(["b.example."], ResolvConf.Parse("search a.example\ndomain b.example").Search);
        Assert.Equal(["c.example."], ResolvConf.Parse("domain b.example\nsearch c.example").Search);
    }

    [Theory]
    [InlineData("host.example.", 1, "host.example.")]
    [InlineData("web", 1, "web.s1.example.|web.s2.example.|web.")]
    [InlineData("web.prod", 1, "web.prod.|web.prod.s1.example.|web.prod.s2.example.")]
    [InlineData("web.prod", 2, "web.prod.s1.example.|web.prod.s2.example.|web.prod.")]
    [InlineData("_svc._tcp.web", 2, "_svc._tcp.web.|_svc._tcp.web.s1.example.|_svc._tcp.web.s2.example.")]
    public void The_name_list_tries_the_bare_name_first_only_with_enough_dots(string name, int ndots, string expected)
    {
        var conf = ResolvConf.Parse($"search s1.example s2.example\noptions ndots:{ndots}");

        Assert.Equal(expected.Split('|'), conf.NameList(name));
    }
}
