using Pharos.PromQL.Parser;
using Xunit;
using Xunit.Abstractions;

namespace Pharos.PromQL.Tests.Parser;

public sealed class TestFileConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_eval_expression_of_the_conformance_files_parses_as_upstream_does()
    {
        var expressions = TestFileExpression.Load();
        Assert.Equal(2195, expressions.Count);

        var mismatches = new List<string>();
        var parsed = 0;
        var failedAsExpected = 0;
        var expectFailButParses = 0;
        foreach (var e in expressions)
        {
            var ok = PromQLParser.TryParseExpr(e.Expr, out var expr, out var error);
            if (ok)
            {
                parsed++;
                if (e.ExpectFail)
                {
                    // Most expected failures are runtime errors (duplicate series, NaN parameters, modifiers).
                    expectFailButParses++;
                }

                var printed = expr!.ToString();
                if (!PromQLParser.TryParseExpr(printed, out var reparsed, out var reparseError))
                {
                    mismatches.Add($"{e.Key} printed form does not parse: {printed} ({reparseError.Message})");
                }
                else if (reparsed.ToString() != printed)
                {
                    mismatches.Add($"{e.Key} printing is not stable: {printed} -> {reparsed}");
                }
            }
            else if (e.ExpectFail)
            {
                failedAsExpected++;
            }
            else
            {
                mismatches.Add($"{e.Key} {error!.Message} :: {e.Expr}");
            }
        }

        output.WriteLine($"{expressions.Count} evals: {parsed} parsed ({expectFailButParses} of them expect a runtime failure), {failedAsExpected} failed at parse time as expected, {mismatches.Count} mismatches");
        foreach (var m in mismatches)
        {
            output.WriteLine(m);
        }

        var known = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Parser", "TestFileKnownFailures.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2)[0])
            .ToHashSet(StringComparer.Ordinal);
        var actual = mismatches.Select(m => m.Split(' ', 2)[0]).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(known.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }
}
