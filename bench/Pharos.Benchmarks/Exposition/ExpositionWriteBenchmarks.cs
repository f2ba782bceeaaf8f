using BenchmarkDotNet.Attributes;
using Pharos.Exposition;
using Pharos.Exposition.Body;

namespace Pharos.Benchmarks.Exposition;

/// <summary>Serialising the 10k-sample node_exporter-like families into a reused pooled buffer.</summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ExpositionWriteBenchmarks
{
    private readonly BodyBuffer _buffer = new(4 << 20);

    /// <summary>The format written.</summary>
    [Params(ExpositionFormat.PrometheusText, ExpositionFormat.OpenMetricsText, ExpositionFormat.Protobuf)]
    public ExpositionFormat Format { get; set; }

    /// <summary>Writes all families.</summary>
    /// <returns>Bytes written.</returns>
    [Benchmark]
    public int Write()
    {
        _buffer.Clear();
        NodeExporterPayload.Write(Format, _buffer, NodeExporterPayload.Families);
        return _buffer.Length;
    }

    /// <summary>Returns the pooled buffer.</summary>
    [GlobalCleanup]
    public void Cleanup() => _buffer.Dispose();
}
