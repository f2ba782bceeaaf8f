using System.Buffers.Binary;
using Pharos.Model;
using Pharos.Tsdb.Binary;
using Pharos.Tsdb.Chunks;
using Pharos.Tsdb.Index;
using Pharos.Tsdb.Postings;
using Xunit;
using MatchType = Pharos.Model.MatchType;

namespace Pharos.Tsdb.Tests.Index;

public class IndexFormatTests
{
    [Fact]
    public void Index_of_one_series_has_upstreams_exact_bytes()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("index");
        var writer = new IndexWriter(path);
        writer.AddSymbol("a");
        writer.AddSymbol("b");
        var reference = writer.AddSeries(Labels.FromStrings("a", "b"), [new ChunkMeta(new ChunkRef(8), 1000, 2000, null)]);
        writer.Finish();
        Assert.Equal(2UL, reference);

        var expected = new List<byte>();
        expected.AddRange(Hex("BAAAD700 02"));
        Section(expected, "00000002 0161 0162", lengthBytes: 4);             // symbols at 5
        expected.AddRange(new byte[32 - expected.Count]);                   // series aligned to 16
        Section(expected, "01 00 01 01 D00F E807 08", lengthBytes: 1);      // series at 32: uvarint length
        expected.AddRange(new byte[48 - expected.Count]);                   // label index aligned to 4
        Section(expected, "00000001 00000001 00000001", lengthBytes: 4);    // label index "a" at 48
        Section(expected, "00000001 00000002", lengthBytes: 4);             // all postings at 68
        Section(expected, "00000001 00000002", lengthBytes: 4);             // a=b at 84
        Section(expected, "00000001 01 0161 30", lengthBytes: 4);           // label index table at 100
        Section(expected, "00000002 02 00 00 44 02 0161 0162 54", lengthBytes: 4); // postings table at 116
        var toc = new byte[IndexFormat.TocSize];
        new IndexToc(5, 21, 46, 100, 68, 116).Write(toc);
        expected.AddRange(toc);

        Assert.Equal(Convert.ToHexString(expected.ToArray()), Convert.ToHexString(File.ReadAllBytes(path)));
    }

    [Fact]
    public void Reader_returns_what_the_writer_wrote()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("index");
        var series = new List<Labels>();
        for (var i = 0; i < 50; i++)
        {
            series.Add(Labels.FromStrings("__name__", i % 2 == 0 ? "even" : "odd", "i", i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), "job", "j" + (i % 3)));
        }

        series.Sort((a, b) => a.CompareTo(b));
        var symbols = series.SelectMany(s => s.Span.ToArray()).SelectMany(l => new[] { l.Name, l.Value }).Distinct().Order(StringComparer.Ordinal).ToList();
        var refs = new List<ulong>();
        using (var writer = new IndexWriter(path))
        {
            symbols.ForEach(writer.AddSymbol);
            for (var i = 0; i < series.Count; i++)
            {
                ChunkMeta[] chunks =
                [
                    new(new ChunkRef((ulong)(8 + (i * 100))), -5000 + i, 10 + i, null),
                    new(new ChunkRef((ulong)(58 + (i * 100))), 20 + i, 30_000 + i, null),
                    new(ChunkRef.Create(1, 8), 40_000, 40_000, null),
                ];
                refs.Add(writer.AddSeries(series[i], chunks));
            }

            writer.Finish();
        }

        using var reader = IndexReader.Open(path);
        Assert.Equal(symbols, reader.Symbols);
        Assert.Equal(["__name__", "i", "job"], reader.LabelNames());
        Assert.Equal(["even", "odd"], reader.LabelValues("__name__"));
        Assert.Equal(refs, PostingsIterator.Expand(reader.AllPostings()));
        var metas = new List<ChunkMeta>();
        for (var i = 0; i < series.Count; i++)
        {
            Assert.Equal(series[i], reader.Series(refs[i], metas));
            Assert.Equal(3, metas.Count);
            Assert.Equal(new ChunkMeta(new ChunkRef((ulong)(8 + (i * 100))), -5000 + i, 10 + i, null), metas[0]);
            Assert.Equal(new ChunkMeta(new ChunkRef((ulong)(58 + (i * 100))), 20 + i, 30_000 + i, null), metas[1]);
            Assert.Equal(new ChunkMeta(ChunkRef.Create(1, 8), 40_000, 40_000, null), metas[2]);
        }

        var odd = PostingsIterator.Expand(reader.Postings("__name__", "odd"));
        Assert.Equal(25, odd.Count);
        Assert.All(odd, r => Assert.Equal("odd", reader.Series(r, metas).Get("__name__")));
        var selected = PostingsIterator.Expand(PostingsForMatchers.Select(reader, [new Matcher(MatchType.Equal, "job", "j1"), new Matcher(MatchType.Regex, "i", "00.")]));
        // Postings are in label order, and __name__ sorts first.
        Assert.Equal(["004", "001", "007"], selected.Select(r => reader.Series(r, metas).Get("i")));
    }

    [Theory]
    [InlineData("a", "b", -1)]
    [InlineData("ab", "a", 1)]
    [InlineData("\uE000", "\U0001F600", -1)] // UTF-16 ordinal says the opposite.
    [InlineData("\uD7FF", "\U0001F600", -1)]
    [InlineData("\U0001F600", "\U0001F601", -1)]
    [InlineData("x\uFFFD", "x\U00010000", -1)]
    public void Strings_sort_in_utf8_byte_order(string a, string b, int expected)
    {
        Assert.Equal(expected, Math.Sign(Utf8ByteOrder.Instance.Compare(a, b)));
        Assert.Equal(-expected, Math.Sign(Utf8ByteOrder.Instance.Compare(b, a)));
        Assert.Equal(expected, Math.Sign(System.Text.Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b))));
    }

    [Fact]
    public void Values_beyond_the_basic_plane_are_found_in_go_order()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("index");
        string[] values = ["\uE000", "\U0001F600"];
        using (var writer = new IndexWriter(path))
        {
            writer.AddSymbol("v");
            writer.AddSymbol(values[0]);
            writer.AddSymbol(values[1]);
            foreach (var labels in values.Select(v => Labels.FromStrings("v", v)).Order())
            {
                writer.AddSeries(labels, []);
            }

            writer.Finish();
        }

        using var reader = IndexReader.Open(path);
        Assert.Equal(values, reader.LabelValues("v"));
        var metas = new List<ChunkMeta>();
        foreach (var value in values)
        {
            var refs = PostingsIterator.Expand(reader.Postings("v", value));
            Assert.Equal(value, reader.Series(Assert.Single(refs), metas).Get("v"));
        }
    }

    [Theory]
    [InlineData(6, "symbol table")]          // inside the symbol table
    [InlineData(-10, "table of contents")]   // inside the TOC
    [InlineData(-40, "table of contents")]
    [InlineData(0, "magic")]
    public void Damaged_index_is_reported_with_its_file_name(int offset, string problem)
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("index");
        using (var writer = new IndexWriter(path))
        {
            writer.AddSymbol("a");
            writer.AddSymbol("b");
            writer.AddSeries(Labels.FromStrings("a", "b"), []);
            writer.Finish();
        }

        var bytes = File.ReadAllBytes(path);
        bytes[offset >= 0 ? offset : bytes.Length + offset] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => IndexReader.Open(path).Dispose());
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_series_entry_fails_its_lookup_by_file_name()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("index");
        ulong reference;
        using (var writer = new IndexWriter(path))
        {
            writer.AddSymbol("a");
            writer.AddSymbol("b");
            reference = writer.AddSeries(Labels.FromStrings("a", "b"), [new ChunkMeta(new ChunkRef(8), 1, 2, null)]);
            writer.Finish();
        }

        var bytes = File.ReadAllBytes(path);
        bytes[(int)(reference * 16) + 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        using var reader = IndexReader.Open(path);
        var e = Assert.Throws<InvalidDataException>(() => reader.Series(reference, []));
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", e.Message, StringComparison.Ordinal);
    }

    private static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", string.Empty, StringComparison.Ordinal));

    /// <summary>Appends a length field, the content and its CRC32C.</summary>
    private static void Section(List<byte> output, string contentHex, int lengthBytes)
    {
        var content = Hex(contentHex);
        if (lengthBytes == 4)
        {
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)content.Length);
            output.AddRange(length);
        }
        else
        {
            output.Add((byte)content.Length);
        }

        output.AddRange(content);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32C.Compute(content));
        output.AddRange(crc);
    }
}
