using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Client;
using Pharos.Config;
using Pharos.Model;
using Pharos.Scrape;
using Pharos.Storage;

namespace Pharos.Benchmarks.Scrape;

/// <summary>
/// One steady-state scrape of a 1000-series target after the HTTP read: parse, one cache hit per line, append into a
/// no-op appender, staleness bookkeeping and the cache sweep. The target's series are all known from earlier scrapes.
/// </summary>
[MemoryDiagnoser]
public class ScrapeAppendBenchmarks
{
    private ScrapeLoop _loop = null!;
    private ReadOnlyMemory<byte> _body;
    private long _timestampMs = 1_700_000_000_000;

    /// <summary>Builds the payload and a loop, and warms its cache with two scrapes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder();
        sb.Append("# HELP bench_requests_total Requests.\n# TYPE bench_requests_total counter\n");
        for (var i = 0; i < 1000; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"bench_requests_total{{code=\"{200 + (i % 5)}\",handler=\"/api/v1/h{i}\",method=\"GET\"}} {i * 17.5}\n");
        }

        _body = Encoding.UTF8.GetBytes(sb.ToString());
        var config = ConfigLoader.Load("scrape_configs:\n  - job_name: bench\n").ScrapeConfigs[0];
        var labels = Labels.FromStrings(
            "__address__", "127.0.0.1:9100", "__scheme__", "http", "__metrics_path__", "/metrics",
            "__scrape_interval__", "15s", "__scrape_timeout__", "10s", "job", "bench", "instance", "127.0.0.1:9100");
        var job = new ScrapeJob(config, TimeProvider.System, "bench");
        var target = new ScrapeTarget("bench", labels, labels, config.Params);
        _loop = new ScrapeLoop(
            target, job, NoopAppender.Instance, TimeProvider.System, new ScrapeMetrics(new MetricRegistry()), NullLogger.Instance, cache: null, offsetSeed: 0, CancellationToken.None);
        Scrape();
        Scrape();
    }

    /// <summary>One scrape's append of 1000 samples.</summary>
    /// <returns>The number of samples appended.</returns>
    [Benchmark]
    public int Scrape()
    {
        _timestampMs += 15_000;
        return _loop.Append(NoopAppender.Instance, _body, Pharos.Exposition.ExpositionFormat.PrometheusText, _timestampMs).Added;
    }

    /// <summary>Accepts everything and hands out stable references, as a warm head would.</summary>
    private sealed class NoopAppender : IAppender, IAppendable
    {
        public static readonly NoopAppender Instance = new();
        private ulong _next;

        public AppendStatus Append(ref SeriesRef series, in Labels labels, long timestampMs, double value)
        {
            if (!series.IsSet)
            {
                series = new SeriesRef(++_next);
            }

            return AppendStatus.Ok;
        }

        public AppendStatus AppendHistogram(ref SeriesRef series, in Labels labels, long timestampMs, Pharos.Model.Histogram histogram) => AppendStatus.Ok;

        public AppendStatus AppendHistogram(ref SeriesRef series, in Labels labels, long timestampMs, FloatHistogram histogram) => AppendStatus.Ok;

        public AppendStatus AppendExemplar(SeriesRef series, in Labels labels, in Exemplar exemplar) => AppendStatus.Ok;

        public void UpdateMetadata(SeriesRef series, in Labels labels, in Metadata metadata)
        {
        }

        public IAppender CreateAppender() => this;

        public void Commit()
        {
        }

        public void Rollback()
        {
        }
    }
}
