using System.Globalization;
using System.Text;
using Pharos.Model;
using Pharos.PromQL.Engine;
using Pharos.PromQL.Parser;
using Pharos.PromQL.Tests.Differential;
using Pharos.PromQL.Tests.Parser;
using Pharos.Storage;
using Xunit;

namespace Pharos.PromQL.Tests.Engine;

/// <summary>
/// Mutated and spliced queries through parser and engine: each either parses and then evaluates to a value or a
/// <see cref="PromQLQueryException"/>, or fails to parse with errors that all carry a position inside the input.
/// Nothing else may escape: no crash, no hang past the engine timeout.
/// </summary>
public sealed class EngineFuzzTests
{
    /// <summary>Fragments that stress numerics, durations and modifiers when spliced into a valid query.</summary>
    private static readonly string[] Fragments =
    [
        "[1y:1ms]", "[1ms:1ms]", "[0s]", "[1ms]", "[5m:0s]", " offset -1y", " offset 292y", " @ 1e18", " @ -1e18", " @ NaN", " @ start()", "1e308", "NaN", "-Inf",
        "0x7fffffffffffffff", " by (a)", " without ()", " on () group_left", " ignoring (le) group_right (a)", " bool", " ^ 1e308", " / 0", " % 0", " and ", " unless ",
        "topk(1e18, x)", "topk(-1, x)", "bottomk(NaN, x)", "limitk(2, x)", "limit_ratio(-2, x)", "quantile(NaN, x)", "count_values(\"\", x)", "count_values(\"le\", h)",
        "label_replace(x, \"a\", \"$1$2$99${x}\", \"b\", \"(.*)\")", "label_join(x, \"a\", \"\", \"a\", \"a\")", "histogram_quantile(2, h)", "histogram_quantile(-1, h)",
        "predict_linear(x[5m], 1e300)", "round(x, 0)", "clamp(x, 1, -1)", "absent(nonexistent)", "vector(time())", "sort_desc(x)", "scalar(x)", "timestamp(x)",
        "x", "h", "{__name__=~\".*\"}", "{a=~\"(\"}", "x{a!~\"\"}", "(", ")", "[", "]", "{", "}", ",", "\"", "1", "-", "+", "*", "==", ">=",
    ];

    private static readonly EngineOptions Options = new() { Timeout = TimeSpan.FromSeconds(10), MaxSamples = 2_000_000 };

    private static IEnumerable<string> Corpus() =>
        TestFileExpression.Load().Select(e => e.Expr)
            .Concat(DifferentialQueries.All())
            .Concat(ParserTableTests.ValidExpressions.Select(row => (string)row[0]))
            .Distinct(StringComparer.Ordinal);

    /// <summary>A few series of floats, a classic histogram and a native one, every 15 s for half an hour.</summary>
    private static MemoryStorage Storage()
    {
        var storage = new MemoryStorage();
        for (var i = 0; i < 3; i++)
        {
            var a = i.ToString(CultureInfo.InvariantCulture);
            storage.Load(Labels.FromStrings("__name__", "x", "a", a, "b", "v" + a), Enumerable.Range(0, 121).Select(k => (k * 15_000L, (double)(k * (i + 1)))));
            foreach (var le in new[] { "0.1", "1", "+Inf" })
            {
                storage.Load(Labels.FromStrings("__name__", "h", "a", a, "le", le), Enumerable.Range(0, 121).Select(k => (k * 15_000L, k * double.Parse(le == "+Inf" ? "3" : le, CultureInfo.InvariantCulture))));
            }
        }

        return storage;
    }

    [Fact]
    public void Mutated_queries_evaluate_or_fail_with_documented_errors()
    {
        var random = new Random(7_2024);
        var corpus = Corpus().ToArray();
        var storage = Storage();
        using var engine = new PromQLEngine(Options);
        int parsed = 0, evaluated = 0;
        for (var i = 0; i < 5000; i++)
        {
            var query = Mutate(random, corpus);
            Expr expr;
            try
            {
                expr = PromQLParser.ParseExpr(query);
            }
            catch (PromQLParseException e)
            {
                AssertPositioned(query, e);
                continue;
            }

            parsed++;
            var instant = engine.InstantQuery(storage, query, 900_000);
            Assert.True(instant.Error is null || instant.Error.Kind != QueryErrorKind.Timeout, $"{query}: {instant.Error?.Message}");
            if (expr.Type is PromQL.Parser.ValueType.Vector or PromQL.Parser.ValueType.Scalar)
            {
                var range = engine.RangeQuery(storage, query, 0, 1_800_000, 60_000);
                Assert.True(range.Error is null || range.Error.Kind != QueryErrorKind.Timeout, $"{query}: {range.Error?.Message}");
            }

            evaluated += instant.Error is null ? 1 : 0;
        }

        // The mutations must leave enough valid queries for the engine half of the test to mean something.
        Assert.True(parsed > 500, $"only {parsed} mutated queries parsed");
        Assert.True(evaluated > 300, $"only {evaluated} mutated queries evaluated");
    }

    [Theory]
    [InlineData("max_over_time(vector(1)[1y:1ms])")]
    [InlineData("count_over_time(x[1y:1ms])")]
    [InlineData("sum_over_time(vector(time())[100d:1ms])")]
    [InlineData("last_over_time(x[1y:1ms] offset 1y)")]
    public void Subqueries_with_billions_of_steps_fail_with_the_sample_limit(string query)
    {
        using var engine = new PromQLEngine(Options);
        var result = engine.InstantQuery(Storage(), query, 900_000);
        Assert.NotNull(result.Error);
        Assert.Equal(QueryErrorKind.TooManySamples, result.Error.Kind);
    }

    private static void AssertPositioned(string query, PromQLParseException e)
    {
        Assert.NotEmpty(e.Errors);
        foreach (var error in e.Errors)
        {
            Assert.False(string.IsNullOrEmpty(error.Message), query);
            Assert.True(error.Position.Start >= 0 && error.Position.Start <= error.Position.End && error.Position.End <= query.Length + 1, $"{query}: {error.Position} for {error.Message}");
        }
    }

    private static string Mutate(Random random, string[] corpus)
    {
        var text = new StringBuilder(corpus[random.Next(corpus.Length)]);
        var edits = 1 + random.Next(3);
        for (var e = 0; e < edits; e++)
        {
            var pos = random.Next(text.Length + 1);
            switch (random.Next(4))
            {
                case 0:
                    text.Insert(pos, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 1 when text.Length > 0:
                    text.Remove(Math.Min(pos, text.Length - 1), 1 + random.Next(Math.Min(5, text.Length - Math.Min(pos, text.Length - 1))));
                    break;
                case 2:
                    // Splice: the start of this query, the end of another.
                    var other = corpus[random.Next(corpus.Length)];
                    text.Length = pos;
                    text.Append(other.AsSpan(random.Next(other.Length + 1)));
                    break;
                default:
                    text.Replace("x", Fragments[random.Next(Fragments.Length)]);
                    break;
            }
        }

        return text.ToString();
    }
}
