using BenchmarkDotNet.Attributes;
using Pharos.Tsdb.Chunks;

namespace Pharos.Benchmarks.Tsdb;

/// <summary>
/// Encoding and decoding one full head chunk of 120 samples, as the head cuts them: a counter scraped every 15 s with
/// a few milliseconds of jitter. Results are per chunk; divide by 120 for ns/sample.
/// </summary>
[MemoryDiagnoser]
public class XorChunkBenchmarks
{
    private const int Samples = 120;
    private readonly long[] _timestamps = new long[Samples];
    private readonly double[] _values = new double[Samples];
    private XorChunk _chunk = null!;
    private IChunkIterator _iterator = null!;

    /// <summary>Builds the samples and one encoded chunk.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var t = 1_700_000_000_000L;
        var v = 1000.0;
        for (var i = 0; i < Samples; i++)
        {
            t += 15_000 + random.Next(-5, 6);
            v += random.Next(0, 50);
            _timestamps[i] = t;
            _values[i] = v;
        }

        _chunk = AppendChunk();
        _iterator = _chunk.CreateIterator();
    }

    /// <summary>Appends 120 samples to a new chunk (the chunk and its buffer are the only allocations).</summary>
    /// <returns>The chunk's size, so the work is kept.</returns>
    [Benchmark(OperationsPerInvoke = Samples)]
    public int Append120() => AppendChunk().Bytes.Length;

    /// <summary>Iterates the 120 samples with a reused iterator.</summary>
    /// <returns>A checksum.</returns>
    [Benchmark(OperationsPerInvoke = Samples)]
    public double Iterate120()
    {
        var iterator = _chunk.CreateIterator(_iterator);
        double sum = 0;
        while (iterator.Next() != ChunkValueType.None)
        {
            sum += iterator.At().Value;
        }

        return sum;
    }

    private XorChunk AppendChunk()
    {
        var chunk = new XorChunk();
        var appender = chunk.CreateAppender();
        for (var i = 0; i < Samples; i++)
        {
            appender.Append(_timestamps[i], _values[i]);
        }

        return chunk;
    }
}
