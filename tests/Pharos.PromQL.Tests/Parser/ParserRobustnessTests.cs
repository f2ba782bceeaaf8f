using Pharos.PromQL.Parser;
using Xunit;

namespace Pharos.PromQL.Tests.Parser;

public sealed class ParserRobustnessTests
{
    private static IEnumerable<string> Corpus() =>
        TestFileExpression.Load().Select(e => e.Expr)
            .Concat(ParserTableTests.ValidExpressions.Select(row => (string)row[0]))
            .Concat(ParserTableTests.InvalidExpressions.Select(row => (string)row[0]))
            .Distinct(StringComparer.Ordinal);

    private static void ParseOrParseError(string input)
    {
        try
        {
            var expr = PromQLParser.ParseExpr(input);
            _ = expr.ToString();
        }
        catch (PromQLParseException e)
        {
            Assert.NotEmpty(e.Errors);
        }
    }

    [Fact]
    public void Every_prefix_of_every_known_expression_parses_or_fails_with_a_parse_exception()
    {
        foreach (var text in Corpus())
        {
            for (var length = 0; length <= text.Length; length++)
            {
                ParseOrParseError(text[..length]);
            }
        }
    }

    [Fact]
    public void Random_mutations_parse_or_fail_with_a_parse_exception()
    {
        var random = new Random(20240611);
        const string Alphabet = "(){}[]<>=!~+-*/%^@,:;.\"'`\\ \n\t#_0123456789aefxmshdwyEINbyoffsetsumratefill\u00e9\u0000";
        var corpus = Corpus().ToArray();
        for (var i = 0; i < 20000; i++)
        {
            var chars = corpus[random.Next(corpus.Length)].ToCharArray().ToList();
            var edits = 1 + random.Next(4);
            for (var e = 0; e < edits; e++)
            {
                var pos = chars.Count == 0 ? 0 : random.Next(chars.Count + 1);
                switch (random.Next(3))
                {
                    case 0 when chars.Count > 0 && pos < chars.Count:
                        chars.RemoveAt(pos);
                        break;
                    case 1:
                        chars.Insert(pos, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                    default:
                        if (pos < chars.Count)
                        {
                            chars[pos] = Alphabet[random.Next(Alphabet.Length)];
                        }

                        break;
                }
            }

            ParseOrParseError(new string([.. chars]));
        }
    }

    [Theory]
    [InlineData(5000)]
    public void Deeply_nested_input_fails_cleanly_instead_of_overflowing_the_stack(int depth)
    {
        ParseOrParseError(new string('(', depth) + "1" + new string(')', depth));
        ParseOrParseError(string.Concat(Enumerable.Repeat("-", depth)) + "1");
        ParseOrParseError(string.Join(" + ", Enumerable.Repeat("a", depth)));
        ParseOrParseError(string.Join(" ^ ", Enumerable.Repeat("2", depth)));
        ParseOrParseError("foo[" + new string('(', depth) + "1m" + new string(')', depth) + "]");
    }
}
