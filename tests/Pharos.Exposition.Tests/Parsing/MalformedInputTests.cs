using System.Text;
using Xunit;

namespace Pharos.Exposition.Tests.Parsing;

/// <summary>Truncating or mutating a valid payload at every position never throws anything but a parse error.</summary>
public sealed class MalformedInputTests
{
    private static readonly byte[] Mutations = [0x00, (byte)'\n', (byte)' ', (byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)'#', (byte)'=', (byte)',', 0x80, 0xFF, 0x7F, (byte)'e'];

    public static TheoryData<ExpositionFormat, ParserMode, string> Payloads()
    {
        var text = "# HELP a h\\n\n# TYPE a histogram\na_bucket{le=\"1\",x=\"y\\\"\"} 1 5\na_bucket{le=\"+Inf\",x=\"y\\\"\"} 2 5\na_count 2\na_sum 1.5\n{\"b.c\"} NaN\n";
        var openMetrics = "# TYPE d_s gauge\n# UNIT d_s s\nd_s 1\n# TYPE a histogram\na_bucket{le=\"1\"} 1 # {t=\"x\"} 1 2\na_bucket{le=\"+Inf\"} 2\na_count 2\na_sum 3\n# TYPE c counter\nc_total 1\nc_created 2\n# EOF\n";
        var protobuf = Convert.ToBase64String(ProtobufParserTests.Payload());
        return new()
        {
            { ExpositionFormat.PrometheusText, ParserMode.Scrape, text },
            { ExpositionFormat.PrometheusText, ParserMode.Strict, text },
            { ExpositionFormat.OpenMetricsText, ParserMode.Scrape, openMetrics },
            { ExpositionFormat.OpenMetricsText, ParserMode.Strict, openMetrics },
            { ExpositionFormat.Protobuf, ParserMode.Scrape, protobuf },
        };
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Truncated_or_mutated_payloads_only_ever_raise_parse_errors(ExpositionFormat format, ParserMode mode, string payload)
    {
        var valid = format == ExpositionFormat.Protobuf ? Convert.FromBase64String(payload) : Encoding.UTF8.GetBytes(payload);
        var parser = ExpositionParser.Create(format, mode);
        ParseAll(parser, valid);
        for (var length = 0; length < valid.Length; length++)
        {
            TryParse(parser, valid[..length]);
        }

        var mutated = new byte[valid.Length];
        for (var position = 0; position < valid.Length; position++)
        {
            foreach (var b in Mutations)
            {
                valid.CopyTo(mutated, 0);
                mutated[position] = b;
                TryParse(parser, mutated);
            }
        }
    }

    private static void TryParse(ExpositionParser parser, byte[] input)
    {
        try
        {
            ParseAll(parser, input);
        }
        catch (ExpositionParseException e)
        {
            Assert.False(string.IsNullOrEmpty(e.Message));
        }
    }

    private static void ParseAll(ExpositionParser parser, byte[] input)
    {
        // Exercise every accessor an ingesting caller would use, so lazy decoding is covered too.
        var builder = new Pharos.Model.LabelsBuilder();
        var histogram = new Pharos.Model.FloatHistogram();
        parser.Reset(input);
        ExpositionEntry entry;
        while ((entry = parser.Next()) != ExpositionEntry.EndOfInput)
        {
            if (entry is ExpositionEntry.Series or ExpositionEntry.Histogram)
            {
                parser.GetLabels(builder);
                builder.ToLabels();
                while (parser.TryGetExemplar(out _) && entry == ExpositionEntry.Histogram)
                {
                }

                parser.TryGetCreatedTimestamp(out _);
                if (entry == ExpositionEntry.Histogram)
                {
                    parser.GetFloatHistogram(histogram);
                }
            }
        }
    }
}
