using System.Buffers;
using BenchmarkDotNet.Attributes;
using Pharos.Model;
using Pharos.Tsdb.Binary;
using Pharos.Tsdb.Record;

namespace Pharos.Benchmarks.Tsdb;

/// <summary>
/// WAL record encoding and decoding as one scrape's commit produces it: a samples record of 1,000 samples, a series
/// record of 100 new series, and the CRC32C of a full 32 KiB WAL page. Samples results are per sample.
/// </summary>
[MemoryDiagnoser]
public class WalRecordBenchmarks
{
    private const int SampleCount = 1000;
    private readonly RefSample[] _samples = new RefSample[SampleCount];
    private readonly RefSeries[] _series = new RefSeries[100];
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly List<RefSample> _decoded = new(SampleCount);
    private readonly byte[] _page = new byte[32 * 1024];
    private byte[] _samplesRecord = [];

    /// <summary>Builds the inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (var i = 0; i < SampleCount; i++)
        {
            _samples[i] = new RefSample((ulong)(1000 + i), 1_700_000_000_000 + random.Next(0, 3), random.NextDouble() * 1e6);
        }

        for (var i = 0; i < _series.Length; i++)
        {
            _series[i] = new RefSeries((ulong)i, Labels.FromStrings("__name__", "http_requests_total", "instance", "10.0.0.1:9100", "job", "node", "code", (200 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        random.NextBytes(_page);
        RecordEncoder.Samples(_samples, _buffer);
        _samplesRecord = _buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes 1,000 samples into a reused buffer.</summary>
    /// <returns>The record length.</returns>
    [Benchmark(OperationsPerInvoke = SampleCount)]
    public int EncodeSamples()
    {
        _buffer.ResetWrittenCount();
        RecordEncoder.Samples(_samples, _buffer);
        return _buffer.WrittenCount;
    }

    /// <summary>Decodes 1,000 samples into a reused list.</summary>
    /// <returns>The count.</returns>
    [Benchmark(OperationsPerInvoke = SampleCount)]
    public int DecodeSamples()
    {
        _decoded.Clear();
        RecordDecoder.Samples(_samplesRecord, _decoded);
        return _decoded.Count;
    }

    /// <summary>Encodes 100 series of four labels.</summary>
    /// <returns>The record length.</returns>
    [Benchmark]
    public int EncodeSeries()
    {
        _buffer.ResetWrittenCount();
        RecordEncoder.Series(_series, _buffer);
        return _buffer.WrittenCount;
    }

    /// <summary>Checksums a full WAL page.</summary>
    /// <returns>The checksum.</returns>
    [Benchmark]
    public uint Crc32CPage() => Crc32C.Compute(_page);
}
