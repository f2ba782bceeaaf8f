using System.Text.RegularExpressions;
using Pharos.Testing;

namespace Pharos.PromQL.Tests.Parser;

/// <summary>An <c>eval</c> expression from a conformance <c>.test</c> file.</summary>
internal sealed record TestFileExpression(string File, int Line, string Expr, bool ExpectFail, string? FailMessage)
{
    public string Key => $"{File}:{Line}";

    private static readonly Regex EvalHeader = new(
        @"^eval(?<kind>_fail|_warn|_info|_ordered)?\s+(?:instant(?:\s+at\s+\S+)?|range\s+from\s+\S+\s+to\s+\S+\s+step\s+\S+)\s+(?<expr>.+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Reads every eval of every file, following DSL.md: trimmed lines, comments blank, bodies end at blank lines.</summary>
    public static IReadOnlyList<TestFileExpression> Load()
    {
        var result = new List<TestFileExpression>();
        var dir = RepositoryPaths.SharedTestData("promql");
        foreach (var path in Directory.GetFiles(dir, "*.test").OrderBy(p => p, StringComparer.Ordinal))
        {
            var lines = System.IO.File.ReadAllText(path).Split('\n').Select(l => l.Trim()).Select(l => l.StartsWith('#') ? "" : l).ToArray();
            for (var i = 0; i < lines.Length; i++)
            {
                var m = EvalHeader.Match(lines[i]);
                if (!m.Success)
                {
                    continue;
                }

                var fail = m.Groups["kind"].Value.Equals("_fail", StringComparison.OrdinalIgnoreCase);
                string? message = null;
                for (var j = i + 1; j < lines.Length && lines[j].Length > 0; j++)
                {
                    var body = lines[j];
                    if (body.StartsWith("expect fail", StringComparison.Ordinal))
                    {
                        fail = true;
                        var msg = body.IndexOf("msg:", StringComparison.Ordinal);
                        message = msg >= 0 ? body[(msg + 4)..].Trim() : null;
                    }
                }

                result.Add(new TestFileExpression(Path.GetFileName(path), i + 1, m.Groups["expr"].Value, fail, message));
            }
        }

        return result;
    }
}
