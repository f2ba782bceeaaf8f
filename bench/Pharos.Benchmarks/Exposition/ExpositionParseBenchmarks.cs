using BenchmarkDotNet.Attributes;
using Pharos.Exposition;
using Pharos.Model;

namespace Pharos.Benchmarks.Exposition;

/// <summary>
/// End-to-end parsing of a 10k-sample node_exporter-like payload, as a scrape does it: every entry, and for every
/// sample the series bytes and value (a warm series cache); the cold variant also materialises the labels of every
/// sample (a cache miss on every series).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ExpositionParseBenchmarks
{
    private readonly LabelsBuilder _builder = new();
    private ExpositionParser _parser = null!;
    private ReadOnlyMemory<byte> _payload;

    /// <summary>The format parsed.</summary>
    [Params(ExpositionFormat.PrometheusText, ExpositionFormat.OpenMetricsText, ExpositionFormat.Protobuf)]
    public ExpositionFormat Format { get; set; }

    /// <summary>Builds the payload and the parser.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _payload = NodeExporterPayload.Get(Format);
        _parser = ExpositionParser.Create(Format, ParserMode.Scrape);
    }

    /// <summary>Parses with a warm cache: series bytes and value per sample.</summary>
    /// <returns>A checksum so the work is not eliminated.</returns>
    [Benchmark(Baseline = true)]
    public double ParseWarm()
    {
        var parser = _parser;
        parser.Reset(_payload);
        double sum = 0;
        var seriesBytes = 0;
        ExpositionEntry entry;
        while ((entry = parser.Next()) != ExpositionEntry.EndOfInput)
        {
            if (entry == ExpositionEntry.Series)
            {
                seriesBytes += parser.Series.Length;
                sum += parser.Value;
            }
        }

        return sum + seriesBytes;
    }

    /// <summary>Parses with a cold cache: also builds the labels of every sample.</summary>
    /// <returns>A checksum so the work is not eliminated.</returns>
    [Benchmark]
    public double ParseCold()
    {
        var parser = _parser;
        parser.Reset(_payload);
        double sum = 0;
        ExpositionEntry entry;
        while ((entry = parser.Next()) != ExpositionEntry.EndOfInput)
        {
            if (entry == ExpositionEntry.Series)
            {
                parser.GetLabels(_builder);
                sum += parser.Value + _builder.Count;
            }
        }

        return sum;
    }
}
