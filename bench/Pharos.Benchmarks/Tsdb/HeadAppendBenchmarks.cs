using System.Globalization;
using BenchmarkDotNet.Attributes;
using Pharos.Model;
using Pharos.Storage;
using Pharos.Tsdb.Head;

namespace Pharos.Benchmarks.Tsdb;

/// <summary>
/// The steady-state ingestion path: one batch appends a sample to each of 10k existing series by cached reference
/// and commits, as a scrape of a large target does. Reported per sample.
/// </summary>
[MemoryDiagnoser]
public class HeadAppendBenchmarks
{
    private const int SeriesCount = 10_000;

    private Head _head = null!;
    private Labels[] _labels = [];
    private SeriesRef[] _refs = [];
    private long _timestampMs;

    /// <summary>Creates the series.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _head = new Head();
        _labels = new Labels[SeriesCount];
        _refs = new SeriesRef[SeriesCount];
        for (var i = 0; i < SeriesCount; i++)
        {
            _labels[i] = Labels.FromStrings("__name__", "node_cpu_seconds_total", "cpu", (i % 64).ToString(CultureInfo.InvariantCulture), "instance", $"host-{i / 64}:9100", "job", "node");
        }

        AppendBatch();
    }

    /// <summary>Appends one sample to every series and commits.</summary>
    [Benchmark(OperationsPerInvoke = SeriesCount)]
    public void AppendBatch()
    {
        _timestampMs += 15_000;
        var app = _head.CreateAppender();
        for (var i = 0; i < _refs.Length; i++)
        {
            app.Append(ref _refs[i], _labels[i], _timestampMs, _timestampMs * 0.001);
        }

        app.Commit();
    }
}
