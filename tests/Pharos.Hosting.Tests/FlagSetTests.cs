using System.CommandLine;
using Pharos.Hosting.Flags;
using Xunit;

namespace Pharos.Hosting.Tests;

public sealed class FlagSetTests
{
    private readonly RootCommand _root = new("test");
    private readonly FlagSet _flags;

    public FlagSetTests() => _flags = new FlagSet(_root);

    [Theory]
    [InlineData(new[] { "--web.listen-address=:9091" }, ":9091")]
    [InlineData(new[] { "--web.listen-address", "127.0.0.1:9090" }, "127.0.0.1:9090")]
    [InlineData(new[] { "--web.listen-address=127.0.0.1:9090" }, "127.0.0.1:9090")]
    [InlineData(new string[0], ":9090")]
    public void String_flags_take_upstream_spellings_and_defaults(string[] args, string expected)
    {
        var option = _flags.String("web.listen-address", ":9090", "Address to listen on.");
        var result = _root.Parse(args);
        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.GetValue(option));
    }

    [Theory]
    [InlineData(new[] { "--web.enable-lifecycle" }, true)]
    [InlineData(new[] { "--no-web.enable-lifecycle" }, false)]
    [InlineData(new[] { "--web.enable-lifecycle=false" }, false)]
    [InlineData(new string[0], false)]
    public void Boolean_flags_need_no_value_and_accept_the_no_prefix(string[] args, bool expected)
    {
        var option = _flags.Bool("web.enable-lifecycle", false, "Enable shutdown and reload via HTTP request.");
        var result = _root.Parse(CommandLineRunner.RewriteNegatedBooleans(_root, args));
        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.GetValue(option));
    }

    [Theory]
    [InlineData("15d", 15 * 24 * 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("2m", 120)]
    [InlineData("0", 0)]
    public void Duration_flags_use_the_prometheus_duration_syntax(string text, int expectedSeconds)
    {
        var option = _flags.Duration("query.timeout", TimeSpan.FromMinutes(2), "Maximum time a query may take.");
        var result = _root.Parse([$"--query.timeout={text}"]);
        Assert.Empty(result.Errors);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), result.GetValue(option));
    }

    [Theory]
    [InlineData("--query.timeout=5x", "--query.timeout")]
    [InlineData("--query.timeout=1m1h", "--query.timeout")]
    public void A_bad_duration_is_an_error_naming_the_flag(string arg, string flag)
    {
        _flags.Duration("query.timeout", TimeSpan.FromMinutes(2), "Maximum time a query may take.");
        var result = _root.Parse([arg]);
        var error = Assert.Single(result.Errors);
        Assert.Contains(flag, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("512MB", 512L << 20)]
    [InlineData("1GiB", 1L << 30)]
    [InlineData("100", 100)]
    [InlineData("0", 0)]
    public void Byte_size_flags_accept_units(string text, long expected)
    {
        var option = _flags.Bytes("storage.tsdb.retention.size", 0, "Maximum bytes of storage blocks to retain.");
        var result = _root.Parse([$"--storage.tsdb.retention.size={text}"]);
        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.GetValue(option));
    }

    [Fact]
    public void An_enum_flag_rejects_values_outside_its_set()
    {
        _flags.Enum("log.format", "logfmt", "Output format of log messages.", "logfmt", "json");
        var result = _root.Parse(["--log.format=xml"]);
        var error = Assert.Single(result.Errors);
        Assert.Contains("--log.format", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeatable_flag_collects_every_value()
    {
        var option = _flags.Strings("enable-feature", "Comma separated feature names to enable.");
        var result = _root.Parse(["--enable-feature=a", "--enable-feature=b"]);
        Assert.Empty(result.Errors);
        Assert.Equal(["a", "b"], result.GetValue(option) ?? []);
    }

    [Fact]
    public void Values_print_every_flag_by_upstream_name_with_the_hosts_duration_format()
    {
        _flags.Bool("web.enable-lifecycle", false, "Enable shutdown and reload via HTTP request.");
        _flags.Duration("storage.tsdb.retention.time", TimeSpan.FromDays(15), "How long to retain samples.");
        _flags.Strings("enable-feature", "Features to enable.");
        var result = _root.Parse(["--web.enable-lifecycle", "--enable-feature=a", "--enable-feature=b"]);

        var values = _flags.Values(result);
        Assert.Equal("true", values["web.enable-lifecycle"]);
        Assert.Equal("15d", values["storage.tsdb.retention.time"]);
        Assert.Equal("a,b", values["enable-feature"]);
        Assert.Equal("360h", _flags.Values(result, d => $"{d.TotalHours}h")["storage.tsdb.retention.time"]);
    }
}
