using Pharos.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Pharos.PromQL.Tests.Conformance;

/// <summary>
/// Runs every eval of the upstream PromQL <c>.test</c> files. Each file's failing evals must equal, exactly, its
/// entries in <c>known-failures.txt</c>: a fixed eval must be removed from the list, a new failure fails the test.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    private static readonly Lazy<Dictionary<string, string>> KnownFailures = new(LoadKnownFailures);

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepositoryPaths.SharedTestData("promql"), "*.test").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Evals_of_the_file_pass_except_the_known_failures(string file)
    {
        var text = File.ReadAllText(RepositoryPaths.SharedTestData("promql", file));
        var reports = new ScriptRunner().Run(ScriptReader.Read(text));
        output.WriteLine(ScriptRunner.Summary(file, reports));
        foreach (var r in reports.Where(r => r.Outcome == EvalOutcome.Skipped))
        {
            output.WriteLine($"  skipped {file}:{r.Line} {Truncate(r.Reason)}");
        }

        var failing = reports.Where(r => r.Outcome == EvalOutcome.Failed).ToDictionary(r => $"{file}:{r.Line}", r => r.Reason);
        var known = KnownFailures.Value.Where(k => k.Key.StartsWith(file + ":", StringComparison.Ordinal)).ToDictionary(k => k.Key, k => k.Value);
        var newFailures = failing.Keys.Except(known.Keys).Order(StringComparer.Ordinal).ToList();
        var fixedEvals = known.Keys.Except(failing.Keys).Order(StringComparer.Ordinal).ToList();
        foreach (var key in newFailures)
        {
            output.WriteLine($"NEW FAILURE {key} {Truncate(failing[key])}");
        }

        foreach (var key in fixedEvals)
        {
            output.WriteLine($"NOW PASSING (remove from known-failures.txt) {key}");
        }

        // The current failure list, ready to paste into known-failures.txt.
        var actualPath = Path.Combine(AppContext.BaseDirectory, "conformance-" + file + ".failures.txt");
        File.WriteAllLines(actualPath, failing.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {Truncate(OneLine(f.Value))}"), new System.Text.UTF8Encoding(false));
        Assert.True(newFailures.Count == 0 && fixedEvals.Count == 0, $"{newFailures.Count} new failures, {fixedEvals.Count} now passing; see the test output and {actualPath}");
    }

    private static string OneLine(string s) => s.Replace('\n', ' ').Replace('\r', ' ');

    private static string Truncate(string s) => s.Length > 300 ? s[..300] + "…" : s;

    private static Dictionary<string, string> LoadKnownFailures()
    {
        var path = RepositoryPaths.InRepository("tests", "Pharos.PromQL.Tests", "Conformance", "known-failures.txt");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.IndexOf(' ');
            result[space < 0 ? line : line[..space]] = space < 0 ? "" : line[(space + 1)..];
        }

        return result;
    }
}
