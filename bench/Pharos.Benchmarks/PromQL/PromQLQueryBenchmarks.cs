using System.Globalization;
using BenchmarkDotNet.Attributes;
using Pharos.Model;
using Pharos.PromQL.Engine;
using Pharos.Storage;

namespace Pharos.Benchmarks.PromQL;

/// <summary>
/// PromQL evaluation on <see cref="MemoryStorage"/>: 10k counter series <c>x</c> and 10k <c>y</c> (100 jobs × 100
/// instances), and 1k classic histograms <c>h_bucket</c> of 10 buckets (10k series), each with a sample every 15 s for
/// 2 h. Instant queries run at the end of the data; the range query covers its last hour at a 15 s step. The samples
/// each query reads and processes (upstream's totalQueryableSamples) are printed at setup (for samples per second).
/// </summary>
[MemoryDiagnoser]
public class PromQLQueryBenchmarks
{
    private const long IntervalMs = 15_000;
    private const int Points = 2 * 3600 / 15;
    private const long EndMs = (Points - 1) * IntervalMs;

    private static readonly string[] Les = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"];

    private MemoryStorage _storage = null!;
    private PromQLEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _storage = new MemoryStorage();
        var samples = new (long, double)[Points];
        for (var job = 0; job < 100; job++)
        {
            for (var instance = 0; instance < 100; instance++)
            {
                var j = "job-" + job.ToString(CultureInfo.InvariantCulture);
                var i = "host-" + instance.ToString(CultureInfo.InvariantCulture);
                Fill(samples, job * 100 + instance, 1);
                _storage.Load(Labels.FromStrings("__name__", "x", "instance", i, "job", j), samples);
                Fill(samples, job * 100 + instance, 2);
                _storage.Load(Labels.FromStrings("__name__", "y", "instance", i, "job", j), samples);
                if (instance < 10)
                {
                    for (var b = 0; b < Les.Length; b++)
                    {
                        Fill(samples, job, b + 1);
                        _storage.Load(Labels.FromStrings("__name__", "h_bucket", "instance", i, "job", j, "le", Les[b]), samples);
                    }
                }
            }
        }

        _engine = new PromQLEngine();
        foreach (var (name, run) in Queries())
        {
            var result = run();
            Console.WriteLine($"// {name}: {result.Stats.SamplesLoaded} samples read, {result.Stats.TotalSamples} processed, peak {result.Stats.PeakSamples}, error {result.Error?.Message ?? "none"}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark]
    public QueryResult SumRateInstant() => Instant("sum(rate(x[5m]))");

    [Benchmark]
    public QueryResult SumRateRange1h() => Range("sum(rate(x[5m]))");

    [Benchmark]
    public QueryResult Topk() => Instant("topk(5, x)");

    [Benchmark]
    public QueryResult HistogramQuantile() => Instant("histogram_quantile(0.99, sum by (le) (rate(h_bucket[5m])))");

    [Benchmark]
    public QueryResult RegexSelector() => Instant("x{instance=~\"host-1.*\", job=~\"job-(1|2|3).*\"}");

    [Benchmark]
    public QueryResult BinaryJoin() => Instant("x * on (job, instance) y");

    private IEnumerable<(string Name, Func<QueryResult> Run)> Queries() =>
    [
        (nameof(SumRateInstant), SumRateInstant), (nameof(SumRateRange1h), SumRateRange1h), (nameof(Topk), Topk),
        (nameof(HistogramQuantile), HistogramQuantile), (nameof(RegexSelector), RegexSelector), (nameof(BinaryJoin), BinaryJoin),
    ];

    private QueryResult Instant(string query) => _engine.InstantQuery(_storage, query, EndMs);

    private QueryResult Range(string query) => _engine.RangeQuery(_storage, query, EndMs - 3_600_000, EndMs, IntervalMs);

    /// <summary>A counter growing by a per-series slope, with a reset in the middle of the data.</summary>
    private static void Fill((long, double)[] samples, int seed, int slope)
    {
        double value = seed % 7;
        for (var k = 0; k < samples.Length; k++)
        {
            value = k == Points / 2 ? 0 : value + slope + (seed % 3);
            samples[k] = (k * IntervalMs, value);
        }
    }
}
