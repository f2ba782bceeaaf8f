using System.Buffers;
using System.Text;
using Pharos.Exposition.Model;
using Pharos.Exposition.Protobuf;
using Pharos.Exposition.Writers;
using Xunit;

namespace Pharos.Exposition.Tests.RoundTrip;

/// <summary>Write, parse and compare helpers shared by the round-trip tests.</summary>
internal static class RoundTripAssert
{
    public static byte[] Write(ExpositionFormat format, IEnumerable<MetricFamily> families)
    {
        var buffer = new ArrayBufferWriter<byte>();
        switch (format)
        {
            case ExpositionFormat.PrometheusText:
                PrometheusTextWriter.Write(buffer, families);
                break;
            case ExpositionFormat.OpenMetricsText:
                OpenMetricsTextWriter.Write(buffer, families);
                break;
            default:
                ProtobufWriter.Write(buffer, families);
                break;
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static List<MetricFamily> Parse(ExpositionFormat format, byte[] payload, ParserMode mode = ParserMode.Strict) =>
        MetricFamilyReader.Read(payload, format, mode);

    /// <summary>Parses <paramref name="payload"/>, writes the families back, parses again, and asserts equality.</summary>
    /// <returns>The first parse and the re-serialised bytes.</returns>
    public static (List<MetricFamily> Families, byte[] Rewritten) AssertStable(ExpositionFormat format, byte[] payload, ParserMode mode = ParserMode.Strict)
    {
        var first = Parse(format, payload, mode);
        var rewritten = Write(format, first);
        var second = Parse(format, rewritten, mode);
        AssertSameFamilies(first, second, format == ExpositionFormat.Protobuf ? null : Encoding.UTF8.GetString(rewritten));
        return (first, rewritten);
    }

    public static void AssertSameFamilies(IReadOnlyList<MetricFamily> expected, IReadOnlyList<MetricFamily> actual, string? context = null)
    {
        Assert.True(expected.Count == actual.Count, $"{expected.Count} families expected, {actual.Count} found\n{context}");
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            Assert.True(e.Name == a.Name && e.Type == a.Type && e.Help == a.Help && e.Unit == a.Unit, $"family {i}: {e} vs {a}\n{context}");
            Assert.True(e.Points.Count == a.Points.Count, $"{e.Name}: {e.Points.Count} points expected, {a.Points.Count} found\n{context}");
            for (var j = 0; j < e.Points.Count; j++)
            {
                Assert.True(e.Points[j].Equals(a.Points[j]), $"{e.Name} point {j}:\n  {e.Points[j]}\n  {a.Points[j]}\n{context}");
            }
        }
    }
}
