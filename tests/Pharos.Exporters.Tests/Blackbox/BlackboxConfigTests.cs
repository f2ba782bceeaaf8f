using Pharos.Exporters.Blackbox;
using Pharos.Exporters.Blackbox.Config;

namespace Pharos.Exporters.Tests.Blackbox;

public sealed class BlackboxConfigTests
{
    [Fact]
    public void Defaults_match_upstream()
    {
        var config = BlackboxConfig.Parse("modules:\n  a:\n    prober: http\n    timeout: 5s\n  d:\n    prober: dns\n    dns:\n      query_name: example.com\n");
        var a = config.Modules["a"];
        Assert.Equal(TimeSpan.FromSeconds(5), a.TimeoutSpan);
        Assert.True(a.Http.FollowRedirects);
        Assert.True(a.Http.IpProtocolFallback);
        Assert.Equal(64, a.Icmp.Ttl);
        var d = config.Modules["d"].Dns;
        Assert.Equal("ANY", d.QueryType);
        Assert.Equal("IN", d.QueryClass);
        Assert.Equal("udp", d.TransportProtocol);
        Assert.True(d.RecursionDesired);
    }

    [Theory]
    [InlineData("modules:\n  a:\n    prober: http\n    htp: {}\n", "field htp not found")]
    [InlineData("modules:\n  a:\n    prober: http\n    http:\n      fail_if_body_matches_regexp: ['(']\n", "Could not compile regular expression")]
    [InlineData("modules:\n  a:\n    prober: dns\n    dns:\n      query_type: A\n", "query name must be set for DNS module")]
    [InlineData("modules:\n  a:\n    prober: dns\n    dns:\n      query_name: x\n      query_type: BOGUS\n", "query type 'BOGUS' is not valid")]
    [InlineData("modules:\n  a:\n    prober: icmp\n    icmp:\n      ttl: 300\n", "\"ttl\" cannot exceed 255")]
    [InlineData("modules:\n  a:\n    prober: http\n    timeout: 5 parsecs\n", "invalid timeout")]
    [InlineData("modules:\n  a:\n    prober: http\n    http:\n      fail_if_header_matches:\n        - regexp: x\n", "header name must be set")]
    [InlineData("modules:\n  a:\n    prober: http\n    http:\n      body: x\n      body_file: y\n", "setting body and body_file both are not allowed")]
    [InlineData("modules:\n  a:\n    prober: tcp\n    tcp:\n      query_response:\n        - expect: '['\n", "Could not compile regular expression")]
    public void Invalid_files_are_rejected_with_upstream_reason(string yaml, string expected)
    {
        var e = Assert.Throws<BlackboxConfigException>(() => BlackboxConfig.Parse(yaml));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_follow_redirects_overrides_follow_redirects()
    {
        var config = BlackboxConfig.Parse("modules:\n  a:\n    prober: http\n    http:\n      no_follow_redirects: true\n");
        Assert.False(config.Modules["a"].Http.FollowRedirects);
    }

    [Fact]
    public void Config_output_hides_secrets()
    {
        var config = BlackboxConfig.Parse("modules:\n  a:\n    prober: http\n    http:\n      basic_auth:\n        username: u\n        password: hunter2\n");
        var yaml = config.ToRedactedYaml();
        Assert.DoesNotContain("hunter2", yaml, StringComparison.Ordinal);
        Assert.Contains("<secret>", yaml, StringComparison.Ordinal);
        Assert.Equal("hunter2", config.Modules["a"].Http.BasicAuth!.Password);
    }

    [Theory]
    [InlineData("", "0s", 119.5)]
    [InlineData("10", "5s", 5)]
    [InlineData("3", "5s", 2.5)]
    [InlineData("0.2", "5s", 5)]
    public void Timeout_is_the_shorter_of_module_and_scrape_timeout_minus_offset(string header, string moduleTimeout, double expectedSeconds)
    {
        var module = BlackboxConfig.Parse($"modules:\n  a:\n    prober: http\n    timeout: {moduleTimeout}\n").Modules["a"];
        Assert.True(BlackboxExporter.TryGetTimeout(header, module, TimeSpan.FromSeconds(0.5), out var timeout, out _));
        Assert.Equal(expectedSeconds, timeout.TotalSeconds, 3);
    }

    [Fact]
    public void Address_hash_is_fnv1a_of_the_address_text() =>
        Assert.Equal(3668918509u, TargetResolver.Fnv32a([127, 0, 0, 1]));
}
