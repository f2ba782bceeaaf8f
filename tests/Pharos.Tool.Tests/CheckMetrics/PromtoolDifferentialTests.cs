using System.Diagnostics;
using Pharos.Testing;
using Xunit;

namespace Pharos.Tool.Tests.CheckMetrics;

/// <summary>Runs Debian's real promtool on the same inputs and compares its findings and exit status with ours.</summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class PromtoolDifferentialTests
{
    private const string Promtool = "/usr/bin/promtool";

    [Theory]
    [MemberData(nameof(MetricsLinterTests.CaseNames), MemberType = typeof(MetricsLinterTests))]
    public void Our_findings_equal_real_promtool_findings(string caseName)
    {
        Assert.True(File.Exists(Promtool), $"{Promtool} is missing: install Debian's prometheus package (./test.sh does as root).");
        var (_, exposition, _) = LintCases.All.Single(c => c.Name == caseName);

        using var process = Process.Start(new ProcessStartInfo(Promtool, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        process.StandardInput.Write(exposition);
        process.StandardInput.Close();
        var theirs = process.StandardError.ReadToEnd();
        process.WaitForExit();

        var ours = new StringWriter();
        var status = MetricsLinter.Run(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(exposition)), TextWriter.Null, ours);
        Assert.Equal(theirs.Split('\n', StringSplitOptions.RemoveEmptyEntries), ours.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(process.ExitCode, status);
    }
}
