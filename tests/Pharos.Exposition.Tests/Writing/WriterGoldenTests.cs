using System.Buffers;
using System.Text;
using Pharos.Exposition.Writers;
using Pharos.Testing;
using Xunit;

namespace Pharos.Exposition.Tests.Writing;

public class WriterGoldenTests
{
    [Fact]
    public void Prometheus_text_matches_the_golden_file() =>
        AssertGolden("all.prom", Write(w => PrometheusTextWriter.Write(w, SampleFamilies.All())));

    [Fact]
    public void OpenMetrics_text_matches_the_golden_file() =>
        AssertGolden("all.om", Write(w => OpenMetricsTextWriter.Write(w, SampleFamilies.All())));

    [Fact]
    public void OpenMetrics_only_types_match_the_golden_file() =>
        AssertGolden("openmetrics_types.om", Write(w => OpenMetricsTextWriter.Write(w, SampleFamilies.OpenMetricsOnly())));

    [Fact]
    public void OpenMetrics_only_types_degrade_in_Prometheus_text_as_documented() =>
        AssertGolden("openmetrics_types.prom", Write(w => PrometheusTextWriter.Write(w, SampleFamilies.OpenMetricsOnly())));

    [Fact]
    public void Writers_append_after_existing_content_in_small_destination_chunks()
    {
        var expected = Write(w => PrometheusTextWriter.Write(w, SampleFamilies.All()));
        var tiny = new TinyChunkWriter();
        tiny.Write("x"u8);
        PrometheusTextWriter.Write(tiny, SampleFamilies.All());
        Assert.Equal("x" + expected, Encoding.UTF8.GetString(tiny.WrittenSpan));
    }

    [Fact]
    public void Single_sample_writer_skips_the_name_label()
    {
        var labels = Pharos.Model.Labels.FromStrings("__name__", "up", "job", "node");
        var text = Write(w => PrometheusTextWriter.WriteSample(w, "up", labels, 1, 1_700_000_000_000));
        Assert.Equal("up{job=\"node\"} 1 1700000000000\n", text);
        var om = Write(w => OpenMetricsTextWriter.WriteSample(w, "up", labels, 1, 1_700_000_000_500));
        Assert.Equal("up{job=\"node\"} 1.0 1.7000000005e+09\n", om);
    }

    internal static string Write(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void AssertGolden(string file, string actual)
    {
        var path = RepositoryPaths.InRepository("tests", "Pharos.Exposition.Tests", "Writing", "Golden", file);
        if (Environment.GetEnvironmentVariable("PHAROS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.Equal(File.ReadAllText(path), actual);
    }

    // Hands out spans no larger than asked for (at least 1 byte), to exercise the writers' chunking.
    private sealed class TinyChunkWriter : IBufferWriter<byte>
    {
        private byte[] _buffer = new byte[16];
        private int _written;

        public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

        public void Write(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(GetSpan(bytes.Length));
            Advance(bytes.Length);
        }

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new NotSupportedException();

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            var size = Math.Max(sizeHint, 1);
            if (_buffer.Length - _written < size)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _written + size));
            }

            return _buffer.AsSpan(_written, size);
        }
    }
}
