using System.Buffers;
using BenchmarkDotNet.Attributes;
using Pharos.Client;

namespace Pharos.Benchmarks.Client;

/// <summary>Serialising a registry of 1,000 series (600 counter, 50 histogram and 350 gauge children; the histograms add 11 buckets, sum and count each).</summary>
[MemoryDiagnoser]
public class ClientSerializationBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(1 << 20);
    private MetricRegistry _registry = null!;

    [Params(ExpositionFormat.PrometheusText, ExpositionFormat.OpenMetricsText, ExpositionFormat.Protobuf)]
    public ExpositionFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _registry = new MetricRegistry();
        var counter = _registry.CreateCounter("bench_http_requests_total", "Requests handled.", "method", "path", "code");
        for (var i = 0; i < 600; i++)
        {
            counter.WithLabels(i % 2 == 0 ? "GET" : "POST", $"/api/v1/item/{i}", (200 + (i % 5)).ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc(i);
        }

        var histogram = _registry.CreateHistogram("bench_http_request_duration_seconds", "Latency.", "path");
        for (var i = 0; i < 50; i++)
        {
            var child = histogram.WithLabels($"/api/v1/item/{i}");
            for (var j = 0; j < 20; j++)
            {
                child.Observe(j * 0.037);
            }
        }

        var gauge = _registry.CreateGauge("bench_queue_depth", "Queue depth.", "queue");
        for (var i = 0; i < 350; i++)
        {
            gauge.WithLabels($"queue-{i}").Set(i * 1.5);
        }

        _registry.Write(_output, Format);
    }

    [Benchmark(Description = "Registry serialisation, 1k series")]
    public int Serialize()
    {
        _output.ResetWrittenCount();
        _registry.Write(_output, Format);
        return _output.WrittenCount;
    }
}
