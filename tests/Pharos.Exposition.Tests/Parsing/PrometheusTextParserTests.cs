using System.Text;
using Xunit;

namespace Pharos.Exposition.Tests.Parsing;

public sealed class PrometheusTextParserTests
{
    private static List<string> Parse(string text, ParserMode mode = ParserMode.Scrape) =>
        ParsedEntries.Render(ExpositionParser.Create(ExpositionFormat.PrometheusText, mode), Encoding.UTF8.GetBytes(text));

    public static TheoryData<string, string[]> ValidInputs() => new()
    {
        { "a 1\n", ["series {__name__=\"a\"} 1"] },
        { "a 1", ["series {__name__=\"a\"} 1"] },
        { "a{b=\"c\",d=\"e\"} 1.5 1000\n", ["series {__name__=\"a\", b=\"c\", d=\"e\"} 1.5 @1000"] },
        { "a { b = \"c\" , } \t 2 \t 7 \n", ["series {__name__=\"a\", b=\"c\"} 2 @7"] },
        { "a{} 1\n", ["series {__name__=\"a\"} 1"] },
        { "a NaN\nb +Inf\nc -Inf\n", ["series {__name__=\"a\"} NaN", "series {__name__=\"b\"} Infinity", "series {__name__=\"c\"} -Infinity"] },
        { "a{b=\"x\\\\y\\\"z\\nw\"} 1\n", ["series {__name__=\"a\", b=\"x\\\\y\\\"z\\nw\"} 1"] },
        { "\n\n  \n".Replace("  \n", "\n", StringComparison.Ordinal) + "a 1\n\n", ["series {__name__=\"a\"} 1"] },
        { "# HELP a some \\\\ help\\n text\n", ["help a some \\ help\n text"] },
        { "# HELP a\n", ["help a "] },
        { "# TYPE a counter\n# TYPE b untyped\n# TYPE c\thistogram\n", ["type a counter", "type b unknown", "type c histogram"] },
        { "# just a comment\n#nospace\n", ["comment # just a comment", "comment #nospace"] },
        { "# EOF\na 1\n", ["comment # EOF", "series {__name__=\"a\"} 1"] },
        { "{\"my.metric\", a=\"b\"} 1\n", ["series {__name__=\"my.metric\", a=\"b\"} 1"] },
        { "{\"my.metric\", \"my.label\"=\"v\"} 1\n", ["series {__name__=\"my.metric\", \"my.label\"=\"v\"} 1"] },
        { "# TYPE \"my.metric\" gauge\n", ["type my.metric gauge"] },
        { "a 1\n\0garbage", ["series {__name__=\"a\"} 1"] },
        { "a:b_c 1e3\n", ["series {__name__=\"a:b_c\"} 1000"] },
        { "a .5\n", ["series {__name__=\"a\"} 0.5"] },
    };

    [Theory]
    [MemberData(nameof(ValidInputs))]
    public void Valid_input_yields_the_expected_entries(string input, string[] expected) =>
        Assert.Equal(expected, Parse(input));

    public static TheoryData<string, int, int, string> InvalidInputs() => new()
    {
        { "a\n", 1, 2, "expected value after metric" },
        { "a 1\n  b 1\n", 2, 1, "expected a metric name" },
        { "a{b} 1\n", 1, 4, "expected '=' after label name" },
        { "a{b=c} 1\n", 1, 5, "expected '\"'" },
        { "a{b=\"c\" d=\"e\"} 1\n", 1, 9, "expected ',' or '}'" },
        { "a{1=\"c\"} 1\n", 1, 3, "expected label name" },
        { "a{b=\"c\",b=\"d\"} 1\n", 1, 9, "duplicate label name" },
        { "a x\n", 1, 3, "invalid value" },
        { "a 1e400\n", 1, 3, "invalid value" },
        { "a 0x1p3\n", 1, 3, "invalid value" },
        { "a 1 -5\n", 1, 5, "expected timestamp or new record" },
        { "a 1 1.5\n", 1, 6, "expected next entry after timestamp" },
        { "a 1 2 3\n", 1, 7, "expected next entry after timestamp" },
        { "a 1 99999999999999999999\n", 1, 5, "timestamp out of range" },
        { "a 1\r\n", 1, 3, "invalid value" },
        { "# TYPE a info\n", 1, 10, "invalid metric type" },
        { "# TYPE a counter \n", 1, 10, "invalid metric type" },
        { "# TYPE 1 counter\n", 1, 8, "expected metric name after TYPE" },
        { "{a=\"b\"} 1\n", 1, 1, "metric name not set" },
        { "{\"a\", \"b\"} 1\n", 1, 7, "metric name already set" },
        { "a{b=\"c} 1\n", 1, 11, "unterminated quoted string" },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public void Invalid_input_is_rejected_with_its_line_and_column(string input, int line, int column, string reason)
    {
        var error = ParsedEntries.Error(ExpositionParser.Create(ExpositionFormat.PrometheusText, ParserMode.Scrape), Encoding.UTF8.GetBytes(input));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith($"line {line}, column {column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_label_value_is_rejected()
    {
        var input = "a{b=\"\xff\"} 1\n"u8.ToArray();
        input[5] = 0xFF;
        Assert.Contains("UTF-8", ParsedEntries.Error(ExpositionParser.Create(ExpositionFormat.PrometheusText, ParserMode.Scrape), input).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("# HELP a x\n# HELP a y\n")]
    [InlineData("# TYPE a gauge\n# TYPE a gauge\n")]
    public void Strict_mode_refuses_repeated_metadata_that_scrape_mode_accepts(string input)
    {
        Assert.Equal(2, Parse(input).Count);
        Assert.Throws<ExpositionParseException>(() => Parse(input, ParserMode.Strict));
    }

    [Fact]
    public void Series_is_the_raw_name_and_label_slice()
    {
        var parser = ExpositionParser.Create(ExpositionFormat.PrometheusText, ParserMode.Scrape);
        parser.Reset("a{b=\"c\"} 1 5\nd 2\n"u8.ToArray());
        Assert.Equal(ExpositionEntry.Series, parser.Next());
        Assert.Equal("a{b=\"c\"}", ParsedEntries.Utf8(parser.Series));
        Assert.Equal(ExpositionEntry.Series, parser.Next());
        Assert.Equal("d", ParsedEntries.Utf8(parser.Series));
        Assert.Equal(ExpositionEntry.EndOfInput, parser.Next());
        Assert.Equal(ExpositionEntry.EndOfInput, parser.Next());
    }

    [Fact]
    public void A_parser_is_reusable_after_reset()
    {
        var parser = ExpositionParser.Create(ExpositionFormat.PrometheusText, ParserMode.Scrape);
        Assert.Throws<ExpositionParseException>(() => ParsedEntries.Render(parser, "a{\n"u8.ToArray()));
        Assert.Equal(["series {__name__=\"b\"} 2"], ParsedEntries.Render(parser, "b 2\n"u8.ToArray()));
    }

    [Fact]
    public void Steady_state_parsing_allocates_nothing()
    {
        var parser = ExpositionParser.Create(ExpositionFormat.PrometheusText, ParserMode.Scrape);
        var input = "# HELP a help\n# TYPE a counter\na{b=\"c\",d=\"e\"} 1 5\na{b=\"x\"} 2\n"u8.ToArray();
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
