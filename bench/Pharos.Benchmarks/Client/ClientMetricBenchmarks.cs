using BenchmarkDotNet.Attributes;
using Pharos.Client;

namespace Pharos.Benchmarks.Client;

/// <summary>Hot paths of the instrumentation library: what an instrumented application pays per operation.</summary>
[MemoryDiagnoser]
public class ClientMetricBenchmarks
{
    private const int ContendedOperations = 1_000_000;

    private Counter.Child _counter = null!;
    private Histogram.Child _histogram = null!;
    private Counter _labelled = null!;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new MetricRegistry();
        _counter = registry.CreateCounter("bench_requests_total", "Requests.", "method").WithLabels("GET");
        _histogram = registry.CreateHistogram("bench_latency_seconds", "Latency.", "method").WithLabels("GET");
        _labelled = registry.CreateCounter("bench_lookup_total", "Lookups.", "method", "code");
        _labelled.WithLabels("GET", "200");
    }

    [Benchmark(Description = "Counter.Inc uncontended")]
    public void CounterIncUncontended() => _counter.Inc();

    [Benchmark(Description = "Counter.Inc 2 threads contending", OperationsPerInvoke = ContendedOperations)]
    public void CounterIncContended() => RunOnTwoThreads(static c => c.Inc(), _counter);

    [Benchmark(Description = "Histogram.Observe uncontended")]
    public void HistogramObserveUncontended() => _histogram.Observe(0.042);

    [Benchmark(Description = "Histogram.Observe 2 threads contending", OperationsPerInvoke = ContendedOperations)]
    public void HistogramObserveContended() => RunOnTwoThreads(static h => h.Observe(0.042), _histogram);

    [Benchmark(Description = "Labelled child lookup (2 labels)")]
    public Counter.Child LabelledLookup() => _labelled.WithLabels("GET", "200");

    private static void RunOnTwoThreads<T>(Action<T> operation, T target)
    {
        // Each thread does half of the operations; the benchmark reports time per single operation.
        const int PerThread = ContendedOperations / 2;
        var other = new Thread(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                operation(target);
            }
        });
        other.Start();
        for (var i = 0; i < PerThread; i++)
        {
            operation(target);
        }

        other.Join();
    }
}
