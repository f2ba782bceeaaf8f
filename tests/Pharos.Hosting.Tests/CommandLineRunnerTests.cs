using System.CommandLine;
using Pharos.Hosting.Flags;
using Xunit;

namespace Pharos.Hosting.Tests;

public sealed class CommandLineRunnerTests
{
    private static (RootCommand Root, Func<string?> Value) ServerLike()
    {
        var root = new RootCommand("test");
        var server = new Command("server", "Run the server.");
        var flags = new FlagSet(server);
        var address = flags.String("web.listen-address", ":9090", "Address to listen on.");
        string? seen = null;
        server.SetAction(r => seen = r.GetValue(address));
        root.Subcommands.Add(server);
        return (root, () => seen);
    }

    [Fact]
    public void An_unknown_flag_exits_with_status_2_and_names_the_flag()
    {
        var (root, _) = ServerLike();
        var error = new StringWriter();
        var status = CommandLineRunner.Run(root, ["server", "--web.listen-adress=:1"], TextWriter.Null, error);
        Assert.Equal(CommandLineRunner.UsageErrorExitCode, status);
        Assert.Contains("--web.listen-adress", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("pharos server", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_flags_reach_the_subcommand_action()
    {
        var (root, value) = ServerLike();
        var status = CommandLineRunner.Run(root, ["server", "--web.listen-address=127.0.0.1:9999"], TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, status);
        Assert.Equal("127.0.0.1:9999", value());
    }

    [Fact]
    public void Help_lists_each_flag_with_its_explanation()
    {
        var (root, _) = ServerLike();
        var output = new StringWriter();
        var status = CommandLineRunner.Run(root, ["server", "--help"], output, TextWriter.Null);
        Assert.Equal(0, status);
        Assert.Contains("--web.listen-address", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Address to listen on.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_no_prefix_is_left_alone_for_flags_that_are_not_boolean()
    {
        var (root, _) = ServerLike();
        var rewritten = CommandLineRunner.RewriteNegatedBooleans(root, ["--no-web.listen-address"]);
        Assert.Equal(["--no-web.listen-address"], rewritten);
    }
}
