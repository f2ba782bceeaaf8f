using System.Diagnostics;
using Pharos.Testing;
using Pharos.Tool.Rules;
using Xunit;

namespace Pharos.Tool.Tests.Rules;

/// <summary>
/// Runs Debian's real <c>promtool check rules</c> and <c>promtool test rules</c> (Prometheus 2.42) and ours on the
/// corpora of <see cref="RuleCorpus"/> and compares the verdicts.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class PromtoolRulesDifferentialTests
{
    private const string Promtool = "/usr/bin/promtool";

    public static TheoryData<string> CheckCorpus => new(RuleCorpus.CheckFiles());

    public static TheoryData<string> UnitCorpus => new(RuleCorpus.UnitTestFiles());

    [Theory]
    [MemberData(nameof(CheckCorpus))]
    public void Check_rules_verdict_equals_real_promtool_verdict(string relative)
    {
        var (theirStatus, theirOutput) = RunPromtool(RuleCorpus.Directory, "check", "rules", relative);
        var ours = new StringWriter();
        var path = Path.Combine(RuleCorpus.Directory, relative);
        var status = CheckRulesCommand.Run([path], lintDuplicates: true, lintFatal: false, unwrapPrometheusRule: false, ours, ours);
        Assert.True(theirStatus == status, $"promtool exit {theirStatus}, ours {status}\npromtool: {theirOutput}\nours: {ours}");
        Assert.Equal(RuleCorpus.ExpectedValid(relative) ? 0 : 1, status);
    }

    [Theory]
    [MemberData(nameof(UnitCorpus))]
    public async Task Test_rules_verdict_equals_real_promtool_verdict(string file)
    {
        var (theirStatus, theirOutput) = RunPromtool(RuleCorpus.UnitDirectory, "test", "rules", file);
        var ours = new StringWriter();
        var status = await TestRulesCommand.RunAsync([Path.Combine(RuleCorpus.UnitDirectory, file)], ours, ours);
        Assert.True(theirStatus == status, $"promtool exit {theirStatus}, ours {status}\npromtool: {theirOutput}\nours: {ours}");
        Assert.Equal(RuleCorpus.ExpectedPass(file) ? 0 : 1, status);
    }

    private static (int Status, string Output) RunPromtool(string directory, params string[] args)
    {
        Assert.True(File.Exists(Promtool), $"{Promtool} is missing: install Debian's prometheus package (./test.sh does as root).");
        using var process = Process.Start(new ProcessStartInfo(Promtool, args)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = directory,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
