using Pharos.Hosting.Web;
using Xunit;

namespace Pharos.Hosting.Tests.Web;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData(":9091", "", 9091, true)]
    [InlineData("0.0.0.0:9100", "0.0.0.0", 9100, true)]
    [InlineData("127.0.0.1:9090", "127.0.0.1", 9090, false)]
    [InlineData("localhost:80", "localhost", 80, false)]
    [InlineData("[::1]:9091", "::1", 9091, false)]
    [InlineData("[::]:9091", "::", 9091, true)]
    [InlineData("example.org:0", "example.org", 0, false)]
    public void Valid_addresses_parse(string text, string host, int port, bool any)
    {
        Assert.True(ListenAddress.TryParse(text, out var address, out var error), error);
        Assert.Equal(host, address.Host);
        Assert.Equal(port, address.Port);
        Assert.Equal(any, address.IsAnyInterface);
    }

    [Theory]
    [InlineData("", "missing address")]
    [InlineData("9091", "address 9091: missing port in address")]
    [InlineData("::1:9091", "address ::1:9091: too many colons in address")]
    [InlineData("[::1:9091", "address [::1:9091: missing ']' in address")]
    [InlineData(":http", "address :http: invalid port")]
    [InlineData(":70000", "address :70000: invalid port")]
    [InlineData("[nothex]:1", "address [nothex]:1: invalid IPv6 address")]
    public void Invalid_addresses_are_rejected(string text, string expected)
    {
        Assert.False(ListenAddress.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Any_interface_resolves_to_no_specific_address_and_localhost_to_loopback()
    {
        Assert.Empty(ListenAddress.Parse(":9091").ResolveAddresses());
        Assert.Contains(System.Net.IPAddress.Loopback, ListenAddress.Parse("localhost:9091").ResolveAddresses());
        Assert.Equal("[::1]:9091", ListenAddress.Parse("[::1]:9091").ToString());
    }

    [Theory]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("prefix/", "/prefix")]
    [InlineData("/a/b/", "/a/b")]
    public void Route_prefix_is_normalised(string prefix, string expected) =>
        Assert.Equal(expected, WebFlags.NormalizeRoutePrefix(prefix));

    [Fact]
    public void External_url_defaults_to_host_and_port()
    {
        Assert.Equal(new Uri("http://127.0.0.1:9091/"), WebFlags.ComputeExternalUrl(string.Empty, ListenAddress.Parse("127.0.0.1:9091"), tls: false));
        Assert.Equal(new Uri("https://[::1]:9091/"), WebFlags.ComputeExternalUrl(string.Empty, ListenAddress.Parse("[::1]:9091"), tls: true));
        Assert.Equal("/pg/", WebFlags.ComputeExternalUrl("http://proxy/pg/", ListenAddress.Parse(":9091"), tls: false).AbsolutePath);
        Assert.Throws<FormatException>(() => WebFlags.ComputeExternalUrl("not a url", ListenAddress.Parse(":9091"), tls: false));
    }
}
