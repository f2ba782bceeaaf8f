using System.Diagnostics;
using Xunit;

namespace Pharos.Cli.Tests;

public sealed class PharosCommandLineTests
{
    private static (int Status, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var status = PharosCommandLine.Run(args, output, error);
        return (status, output.ToString(), error.ToString());
    }

    [Fact]
    public void Version_prints_version_commit_and_runtime()
    {
        var (status, output, _) = Run("version");
        Assert.Equal(0, status);
        Assert.Matches(@"^pharos, version \d+\.\d+\.\d+ \(revision: [0-9a-f]{7,40}\)", output);
        Assert.Contains($".NET runtime:     {Environment.Version}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_the_subcommands()
    {
        var (status, output, _) = Run("--help");
        Assert.Equal(0, status);
        Assert.Contains("version", output, StringComparison.Ordinal);
        Assert.Contains("tool", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus", "--bogus")]
    [InlineData("version --web.listen-addres=:9090", "--web.listen-addres=:9090")]
    [InlineData("tool check metrics --strict-ish", "--strict-ish")]
    public void Unknown_flags_exit_with_status_2_naming_the_flag(string commandLine, string flag)
    {
        var (status, _, error) = Run(commandLine.Split(' '));
        Assert.Equal(2, status);
        Assert.Contains(flag, error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void The_pharos_executable_exits_2_on_an_unknown_flag()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "pharos.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [dll, "--no-such-flag"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--no-such-flag", error, StringComparison.Ordinal);
    }
}
