using System.Diagnostics;
using Pharos.Testing;
using Xunit;

namespace Pharos.Tool.Tests.CheckConfig;

/// <summary>
/// Runs Debian's real <c>promtool check config</c> (Prometheus 2.42) and ours on every fixture of the differential
/// corpus and compares the verdicts. Prometheus 3 fixtures and Kubernetes SD fixtures are not part of this corpus (see
/// <see cref="ConfigCorpus"/>): 2.42 predates the former and Debian's build lacks the latter.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class PromtoolConfigDifferentialTests
{
    private const string Promtool = "/usr/bin/promtool";

    public static TheoryData<string> Corpus => new(ConfigCorpus.Differential);

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Our_verdict_equals_real_promtool_verdict(string relative)
    {
        Assert.True(File.Exists(Promtool), $"{Promtool} is missing: install Debian's prometheus package (./test.sh does as root).");
        var path = Path.Combine(ConfigCorpus.Directory, relative);
        using var process = Process.Start(new ProcessStartInfo(Promtool, ["check", "config", path])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = ConfigCorpus.Directory,
        })!;
        var theirOutput = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();

        var ours = new StringWriter();
        var status = CheckConfigCommand.Run([path], syntaxOnly: false, ours, ours);
        Assert.True(process.ExitCode == status, $"promtool exit {process.ExitCode}, ours {status}\npromtool: {theirOutput}\nours: {ours}");
        Assert.Equal(ConfigCorpus.ExpectedValid(relative) ? 0 : 1, status);
    }
}
