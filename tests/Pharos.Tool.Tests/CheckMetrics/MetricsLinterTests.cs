using System.Text;
using Xunit;

namespace Pharos.Tool.Tests.CheckMetrics;

public sealed class MetricsLinterTests
{
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in LintCases.All)
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Check_metrics_reports_what_promtool_reports(string caseName)
    {
        var (_, exposition, expected) = LintCases.All.Single(c => c.Name == caseName);
        var error = new StringWriter();
        var status = MetricsLinter.Run(new MemoryStream(Encoding.UTF8.GetBytes(exposition)), TextWriter.Null, error);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, lines);
        Assert.Equal(expected.Length == 0 ? 0 : MetricsLinter.LintProblemsExitCode, status);
    }

    [Fact]
    public void Malformed_input_fails_with_status_1_and_a_position()
    {
        var error = new StringWriter();
        var status = MetricsLinter.Run(new MemoryStream("# TYPE a counter\na{b=\"c\" 1\n"u8.ToArray()), TextWriter.Null, error);
        Assert.Equal(MetricsLinter.FailureExitCode, status);
        Assert.Contains("line 2", error.ToString(), StringComparison.Ordinal);
    }
}
