using System.Text;
using Xunit;

namespace Pharos.Exposition.Tests.Parsing;

public sealed class OpenMetricsTextParserTests
{
    private static List<string> Parse(string text, ParserMode mode) =>
        ParsedEntries.Render(ExpositionParser.Create(ExpositionFormat.OpenMetricsText, mode), Encoding.UTF8.GetBytes(text));

    public static TheoryData<string, string[]> ValidInputs() => new()
    {
        { "# EOF\n", [] },
        { "# EOF", [] },
        {
            "# UNIT a_s s\n# TYPE a counter\n# HELP a he\\\\lp\\n\na_total{b=\"c\"} 1 1.5 # {id=\"x\"} 2 3.25\n# EOF\n",
            ["unit a_s s", "type a counter", "help a he\\lp\n", "series {__name__=\"a_total\", b=\"c\"} 1 @1500 # {id=\"x\"} 2 @3250"]
        },
        { "# TYPE a counter\na_total 1 # {} 0.5\n# EOF\n", ["type a counter", "series {__name__=\"a_total\"} 1 # {} 0.5"] },
        { "a{b=\"} # {\"} 1\n# EOF\n", ["series {__name__=\"a\", b=\"} # {\"} 1"] },
        { "a 1 -1.5\n# EOF\n", ["series {__name__=\"a\"} 1 @-1500"] },
    };

    [Theory]
    [MemberData(nameof(ValidInputs))]
    public void Valid_input_yields_the_same_entries_in_both_modes(string input, string[] expected)
    {
        Assert.Equal(expected, Parse(input, ParserMode.Scrape));
        Assert.Equal(expected, Parse(input, ParserMode.Strict));
    }

    public static TheoryData<string, int, int, string> SyntaxErrors() => new()
    {
        { "", 1, 1, "data does not end with # EOF" },
        { "a 1\n", 2, 1, "data does not end with # EOF" },
        { "a 1\n# EOF\n\n", 2, 6, "unexpected data after # EOF" },
        { "a 1\n\n# EOF\n", 2, 1, "expected metric name" },
        { "# hello\n# EOF\n", 1, 1, "other comments are not allowed" },
        { "# HELP a\n# EOF\n", 1, 9, "expected a space and text" },
        { "# TYPE a untyped\n# EOF\n", 1, 10, "invalid metric type" },
        { "# UNIT a s\n# EOF\n", 1, 10, "the metric name must end in '_' and the unit" },
        { "a  1\n# EOF\n", 1, 3, "expected value" },
        { "a{b=\"c\",} 1\n# EOF\n", 1, 9, "expected label name after ','" },
        { "a{b=\"c\"}1\n# EOF\n", 1, 9, "expected a space and a value" },
        { "a 1 NaN\n# EOF\n", 1, 5, "invalid timestamp" },
        { "a 1_0\n# EOF\n", 1, 3, "invalid value" },
        { "a 1 \n# EOF\n", 1, 5, "expected timestamp" },
        { "a 1 # {a=\"b\"} 1\n# EOF\n", 1, 1, "exemplars are only allowed on _total and _bucket series" },
        { "a_total 1 # {a=\"b\"}\n# EOF\n", 1, 20, "expected a space and a value after the exemplar labels" },
        { "a_total 1 # {a=\"b\"} 1 \n# EOF\n", 1, 23, "expected exemplar timestamp" },
    };

    [Theory]
    [MemberData(nameof(SyntaxErrors))]
    public void Scrape_mode_rejects_syntax_errors_with_line_and_column(string input, int line, int column, string reason)
    {
        var error = ParsedEntries.Error(ExpositionParser.Create(ExpositionFormat.OpenMetricsText, ParserMode.Scrape), Encoding.UTF8.GetBytes(input));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    public static TheoryData<string, string> SemanticErrors() => new()
    {
        { "# TYPE a counter\na_total -1\n# EOF\n", "counter-like samples cannot be negative" },
        { "# TYPE a counter\na_total NaN\n# EOF\n", "cannot be NaN" },
        { "# TYPE a histogram\na_bucket{le=\"1\"} 1\n# EOF\n", "missing its '+Inf' bucket" },
        { "# TYPE a histogram\na_bucket{le=\"+Inf\"} 2\na_count 1\na_sum 1\n# EOF\n", "does not match its '+Inf' bucket" },
        { "# TYPE a histogram\na_bucket{le=\"2\"} 0\na_bucket{le=\"1\"} 0\n# EOF\n", "increasing 'le' order" },
        { "# TYPE a histogram\na_bucket{le=\"+INF\"} 0\n# EOF\n", "valid 'le' label" },
        { "# TYPE a stateset\na{a=\"x\"} 2\n# EOF\n", "stateset values must be 0 or 1" },
        { "# TYPE a info\na_info 2\n# EOF\n", "info values must be 1" },
        { "# TYPE a gauge\n# TYPE a gauge\n# EOF\n", "more than one TYPE" },
        { "# TYPE a gauge\na 1\n# HELP a x\n# EOF\n", "metadata must come before the samples" },
        { "a 1\nb 1\na 1\n# EOF\n", "clashes with an earlier family" },
        { "a 1 2\na 1 1\n# EOF\n", "timestamps went backwards" },
        { "# TYPE a summary\na{quantile=\"2\"} 1\n# EOF\n", "quantile must be between 0 and 1" },
        { "# TYPE a gauge\na 1 # {a=\"b\"} 1\n# EOF\n", "only histogram buckets and counter totals can have exemplars" },
        { "# UNIT a s\n# EOF\n", "must end in '_' and the unit" },
    };

    [Theory]
    [MemberData(nameof(SemanticErrors))]
    public void Strict_mode_rejects_semantic_errors(string input, string reason)
    {
        var error = ParsedEntries.Error(ExpositionParser.Create(ExpositionFormat.OpenMetricsText, ParserMode.Strict), Encoding.UTF8.GetBytes(input));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.True(error.Line > 0 && error.Column > 0);
    }

    [Fact]
    public void Series_excludes_value_timestamp_and_exemplar()
    {
        var parser = ExpositionParser.Create(ExpositionFormat.OpenMetricsText, ParserMode.Scrape);
        parser.Reset("a_total{b=\"c\"} 1 2 # {x=\"y\"} 3\n# EOF\n"u8.ToArray());
        Assert.Equal(ExpositionEntry.Series, parser.Next());
        Assert.Equal("a_total{b=\"c\"}", ParsedEntries.Utf8(parser.Series));
        Assert.Equal(2000, parser.TimestampMs);
        Assert.Equal(ExpositionEntry.EndOfInput, parser.Next());
    }

    [Fact]
    public void Exemplar_label_sets_count_code_points_not_bytes()
    {
        // 126 ASCII code points plus 'a' plus one three-byte snowman = 128 code points but 130 bytes: allowed.
        var value = "\u2603" + new string('x', 126);
        var input = $"# TYPE a counter\na_total 1 # {{a=\"{value}\"}} 1\n# EOF\n";
        Assert.Single(Parse(input, ParserMode.Strict), l => l.StartsWith("series", StringComparison.Ordinal));
        Assert.Throws<ExpositionParseException>(() => Parse(input.Replace("x\"", "xx\"", StringComparison.Ordinal), ParserMode.Strict));
    }

    [Fact]
    public void Steady_state_scrape_parsing_allocates_nothing()
    {
        var parser = ExpositionParser.Create(ExpositionFormat.OpenMetricsText, ParserMode.Scrape);
        var input = "# TYPE a counter\n# HELP a h\na_total{b=\"c\"} 1 1.5 # {id=\"x\"} 2\na_created 3\n# EOF\n"u8.ToArray();
        static void Drain(ExpositionParser p, byte[] i)
        {
            p.Reset(i);
            while (p.Next() != ExpositionEntry.EndOfInput)
            {
            }
        }

        Drain(parser, input);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Drain(parser, input);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
