using Pharos.Cli.Stack;
using Xunit;

namespace Pharos.Cli.Tests.Stack;

public sealed class DefaultBlackboxModulesTests
{
    // The blackbox config loader is internal to its project; `blackbox-exporter --config.check` runs it (upstream
    // validation included) through the same command tree the stack uses.
    [Fact]
    public void The_embedded_modules_file_parses_with_the_blackbox_config_loader()
    {
        var dir = Directory.CreateTempSubdirectory("pharos-stack-");
        try
        {
            var path = Path.Combine(dir.FullName, "blackbox.yml");
            DefaultBlackboxModules.WriteIfAbsent(path);
            Assert.Equal(0, CheckConfig(path));

            File.WriteAllText(path, DefaultBlackboxModules.Yaml.Replace("timeout: 5s", "timeout: soon", StringComparison.Ordinal));
            Assert.NotEqual(0, CheckConfig(path));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("http_2xx")]
    [InlineData("http_post_2xx")]
    [InlineData("tcp_connect")]
    [InlineData("ssh_banner")]
    [InlineData("icmp")]
    [InlineData("dns_udp")]
    public void The_embedded_modules_file_has_upstreams_example_modules(string module) =>
        Assert.Contains($"\n  {module}:\n", DefaultBlackboxModules.Yaml, StringComparison.Ordinal);

    private static int CheckConfig(string path) =>
        PharosCommandLine.Run(["blackbox-exporter", "--config.check", "--config.file=" + path, "--log.level=error"], new StringWriter(), new StringWriter());

    [Fact]
    public void The_modules_file_is_written_only_when_absent()
    {
        var dir = Directory.CreateTempSubdirectory("pharos-stack-");
        try
        {
            var path = Path.Combine(dir.FullName, "sub", "blackbox.yml");
            Assert.True(DefaultBlackboxModules.WriteIfAbsent(path));
            Assert.Equal(DefaultBlackboxModules.Yaml, File.ReadAllText(path));
            File.WriteAllText(path, "modules: {}\n");
            Assert.False(DefaultBlackboxModules.WriteIfAbsent(path));
            Assert.Equal("modules: {}\n", File.ReadAllText(path));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Help_documents_the_port_overrides_and_data_dir()
    {
        var output = new StringWriter();
        var status = PharosCommandLine.Run(["stack", "--help"], output, new StringWriter());
        Assert.Equal(0, status);
        foreach (var flag in new[] { "--data.dir", "--stack.listen-host", "--stack.server-port", "--stack.pushgateway-port", "--stack.node-exporter-port", "--stack.blackbox-exporter-port", "--log.level", "--log.format" })
        {
            Assert.Contains(flag, output.ToString(), StringComparison.Ordinal);
        }
    }
}
