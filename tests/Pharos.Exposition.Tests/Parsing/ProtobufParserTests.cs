using Pharos.Model;
using Xunit;

namespace Pharos.Exposition.Tests.Parsing;

public sealed class ProtobufParserTests
{
    private static List<string> Parse(byte[] payload) =>
        ParsedEntries.Render(ExpositionParser.Create(ExpositionFormat.Protobuf, ParserMode.Scrape), payload);

    private static Action<ProtoBytes> Label(string name, string value) => l => l.String(1, name).String(2, value);

    private static Action<ProtoBytes> Timestamp(long seconds, int nanos) => t => t.Varint(1, (ulong)seconds).Varint(2, (ulong)nanos);

    public static byte[] Payload() => new ProtoBytes()
        .Delimited(f => f.String(1, "requests").String(2, "Requests.").Varint(3, 0).String(5, "bytes")
            .Message(4, m => m.Message(1, Label("path", "/"))
                .Message(3, c => c.Double(1, 7).Message(2, e => e.Message(1, Label("trace", "t1")).Double(2, 0.5).Message(3, Timestamp(10, 5_000_000)))
                    .Message(3, Timestamp(1, 0)))
                .Varint(6, 1234)))
        .Delimited(f => f.String(1, "temp").Varint(3, 1).Message(4, m => m.Message(2, g => g.Double(1, -3.5))))
        .Delimited(f => f.String(1, "raw").Varint(3, 3).Message(4, m => m.Message(5, u => u.Double(1, 1))))
        .Delimited(f => f.String(1, "lat").Varint(3, 2)
            .Message(4, m => m.Message(4, s => s.Varint(1, 10).Double(2, 2.5)
                .Message(3, q => q.Double(1, 0.5).Double(2, 0.1)).Message(3, q => q.Double(1, 1).Double(2, 0.9)))))
        .Delimited(f => f.String(1, "h").Varint(3, 4)
            .Message(4, m => m.Message(7, h => h.Varint(1, 3).Double(2, 4)
                .Message(3, b => b.Varint(1, 1).Double(2, 1).Message(3, e => e.Message(1, Label("trace", "b1")).Double(2, 0.7)))
                .Message(3, b => b.Varint(1, 2).Double(2, 2)))))
        .ToArray();

    [Theory]
    [InlineData(1e6, "1e+06")]
    [InlineData(123456.5, "123456.5")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(2.5, "2.5")]
    [InlineData(10, "10.0")]
    [InlineData(0, "0.0")]
    [InlineData(-1, "-1.0")]
    public void Bucket_bounds_are_spelled_as_prometheus_spells_them(double bound, string expected)
    {
        var payload = new ProtoBytes()
            .Delimited(f => f.String(1, "h").Varint(3, 4)
                .Message(4, m => m.Message(7, h => h.Varint(1, 1).Double(2, 1).Message(3, b => b.Varint(1, 1).Double(2, bound)))))
            .ToArray();
        Assert.Contains($"series {{__name__=\"h_bucket\", le=\"{expected}\"}} 1", Parse(payload));
    }

    [Fact]
    public void Families_yield_metadata_then_exploded_series()
    {
        Assert.Equal(
            [
                "help requests Requests.",
                "type requests counter",
                "unit requests bytes",
                "series {__name__=\"requests\", path=\"/\"} 7 @1234 # {trace=\"t1\"} 0.5 @10005 ct=1000",
                "type temp gauge",
                "series {__name__=\"temp\"} -3.5",
                "type raw unknown",
                "series {__name__=\"raw\"} 1",
                "type lat summary",
                "series {__name__=\"lat_count\"} 10",
                "series {__name__=\"lat_sum\"} 2.5",
                "series {__name__=\"lat\", quantile=\"0.5\"} 0.1",
                "series {__name__=\"lat\", quantile=\"1.0\"} 0.9",
                "type h histogram",
                "series {__name__=\"h_count\"} 3",
                "series {__name__=\"h_sum\"} 4",
                "series {__name__=\"h_bucket\", le=\"1.0\"} 1 # {trace=\"b1\"} 0.7",
                "series {__name__=\"h_bucket\", le=\"2.0\"} 2",
                "series {__name__=\"h_bucket\", le=\"+Inf\"} 3",
            ],
            Parse(Payload()));
    }

    [Fact]
    public void Native_histograms_become_histogram_entries_with_absolute_buckets()
    {
        var payload = new ProtoBytes().Delimited(f => f.String(1, "nh").Varint(3, 4)
            .Message(4, m => m.Message(1, Label("a", "b")).Message(7, h => h.Varint(1, 6).Double(2, 12.5)
                .SInt(5, 3).Double(6, 0.001).Varint(7, 1)
                .Message(12, s => s.SInt(1, -2).Varint(2, 2)).Message(12, s => s.SInt(1, 1).Varint(2, 1))
                .SInt(13, 2).SInt(13, -1).SInt(13, 1)
                .Message(9, s => s.SInt(1, 0).Varint(2, 1)).SInt(10, 1))))
            .ToArray();
        var parser = ExpositionParser.Create(ExpositionFormat.Protobuf, ParserMode.Scrape);
        parser.Reset(payload);
        Assert.Equal(ExpositionEntry.Type, parser.Next());
        Assert.Equal(ExpositionEntry.Histogram, parser.Next());
        Assert.False(parser.IsFloatHistogram);
        var h = new FloatHistogram();
        parser.GetFloatHistogram(h);
        Assert.Equal((3, 0.001, 1.0, 6.0, 12.5), (h.Schema, h.ZeroThreshold, h.ZeroCount, h.Count, h.Sum));
        Assert.Equal([new HistogramSpan(-2, 2), new HistogramSpan(1, 1)], h.PositiveSpans);
        Assert.Equal([2.0, 1.0, 2.0], h.PositiveBuckets);
        Assert.Equal([new HistogramSpan(0, 1)], h.NegativeSpans);
        Assert.Equal([1.0], h.NegativeBuckets);
        Assert.Equal(ExpositionEntry.EndOfInput, parser.Next());
    }

    [Fact]
    public void Float_native_histograms_use_absolute_float_counts()
    {
        var payload = new ProtoBytes().Delimited(f => f.String(1, "fh").Varint(3, 5)
            .Message(4, m => m.Message(7, h => h.Double(4, 3.5).Double(8, 0.5)
                .Message(12, s => s.SInt(1, 0).Varint(2, 2)).Double(14, 1.5).Double(14, 1.5))))
            .ToArray();
        var parser = ExpositionParser.Create(ExpositionFormat.Protobuf, ParserMode.Scrape);
        parser.Reset(payload);
        parser.Next();
        Assert.Equal(ExpositionEntry.Histogram, parser.Next());
        Assert.True(parser.IsFloatHistogram);
        var h = new FloatHistogram();
        parser.GetFloatHistogram(h);
        Assert.Equal([1.5, 1.5], h.PositiveBuckets);
        Assert.Equal((3.5, 0.5, CounterResetHint.Gauge), (h.Count, h.ZeroCount, h.CounterResetHint));
    }

    public static TheoryData<string, byte[], int, string> MalformedPayloads() => new()
    {
        { "length past the end", [0x05, 0x0A, 0x01], 0, "runs past the end" },
        { "truncated varint", [0x80], 0, "truncated varint" },
        { "unknown type", new ProtoBytes().Delimited(f => f.String(1, "a").Varint(3, 9)).ToArray(), 5, "unknown metric type" },
        { "no name", new ProtoBytes().Delimited(f => f.Varint(3, 1)).ToArray(), 1, "without a name" },
        { "wrong wire type", new ProtoBytes().Delimited(f => f.Varint(1, 1)).ToArray(), 2, "unexpected wire type" },
        {
            "duplicate label",
            new ProtoBytes().Delimited(f => f.String(1, "a").Varint(3, 1).Message(4, m => m.Message(1, Label("x", "1")).Message(1, Label("x", "2")))).ToArray(),
            18, "duplicate label name"
        },
    };

    [Theory]
    [MemberData(nameof(MalformedPayloads))]
    public void Malformed_payloads_are_rejected_with_the_byte_offset(string what, byte[] payload, int offset, string reason)
    {
        var error = ParsedEntries.Error(ExpositionParser.Create(ExpositionFormat.Protobuf, ParserMode.Scrape), payload);
        Assert.True(error.Message.Contains(reason, StringComparison.Ordinal), what + ": " + error.Message);
        Assert.Equal((0, offset), (error.Line, error.Column));
    }

    [Fact]
    public void Series_bytes_are_stable_and_distinct_per_series()
    {
        var parser = ExpositionParser.Create(ExpositionFormat.Protobuf, ParserMode.Scrape);
        var seen = new HashSet<string>();
        for (var round = 0; round < 2; round++)
        {
            parser.Reset(Payload());
            var count = 0;
            ExpositionEntry entry;
            while ((entry = parser.Next()) != ExpositionEntry.EndOfInput)
            {
                if (entry == ExpositionEntry.Series)
                {
                    count++;
                    seen.Add(Convert.ToHexString(parser.Series));
                }
            }

            Assert.Equal(12, count);
        }

        Assert.Equal(12, seen.Count);
    }

    [Fact]
    public void Steady_state_parsing_allocates_nothing()
    {
        var parser = ExpositionParser.Create(ExpositionFormat.Protobuf, ParserMode.Scrape);
        var payload = Payload();
        static void Drain(ExpositionParser p, byte[] i)
        {
            p.Reset(i);
            while (p.Next() != ExpositionEntry.EndOfInput)
            {
            }
        }

        Drain(parser, payload);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Drain(parser, payload);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
