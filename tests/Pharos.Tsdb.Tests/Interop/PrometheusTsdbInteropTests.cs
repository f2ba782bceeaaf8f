using System.Diagnostics;
using Pharos.Testing;
using Pharos.Testing.Peers;
using Pharos.Tsdb.Chunks;
using Pharos.Tsdb.Record;
using Pharos.Tsdb.Wal;
using Xunit;
using Xunit.Abstractions;

namespace Pharos.Tsdb.Tests.Interop;

/// <summary>
/// Reads what a real Prometheus (Debian's 2.42) writes: its WAL through our WAL reader and record decoders, and its
/// head chunk files through our head chunk reader and XOR decoder, re-encoding every chunk to the same bytes.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public class PrometheusTsdbInteropTests(ITestOutputHelper output)
{
    // One job at the brief's 1 s, one fast enough to fill 120-sample chunks (which Prometheus then writes to
    // chunks_head) within the run.
    private const string Config = """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: prometheus
            static_configs:
              - targets: ["127.0.0.1:{PORT}"]
          - job_name: fast
            scrape_interval: 20ms
            scrape_timeout: 20ms
            static_configs:
              - targets: ["127.0.0.1:{PORT}"]
        """;

    [Fact]
    public async Task Wal_and_head_chunks_written_by_real_prometheus_decode_and_re_encode_identically()
    {
        // The peer picks its port itself; the config needs it before start, so bind to a known free port instead.
        var port = FreePort.Next();
        var process = PeerProcess.Start(
            PrometheusPeer.Binary,
            dir =>
            {
                var configPath = Path.Combine(dir, "prometheus.yml");
                File.WriteAllText(configPath, Config.Replace("{PORT}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
                return
                [
                    $"--config.file={configPath}",
                    $"--storage.tsdb.path={Path.Combine(dir, "data")}",
                    $"--web.listen-address=127.0.0.1:{port}",
                ];
            },
            name: "prometheus");
        using var _ = process;
        await process.WaitForHttpOkAsync(new Uri($"http://127.0.0.1:{port}/-/ready"), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(10));
        await StopGracefullyAsync(process);

        var data = Path.Combine(process.WorkingDirectory, "data");
        var firstSegment = File.ReadAllBytes(Path.Combine(data, "wal", WalFormat.SegmentName(0)));
        output.WriteLine($"WAL segment 0: {firstSegment.Length} bytes, first fragment type byte 0x{firstSegment[0]:x2}");
        var (upRefs, samplesByRef, seriesRefs) = ReadWal(Path.Combine(data, "wal"), process);
        var chunkCount = ReadHeadChunks(Path.Combine(data, "chunks_head"), seriesRefs, upRefs, process);
        output.WriteLine($"{seriesRefs.Count} series, {samplesByRef.Values.Sum(l => l.Count)} samples, {chunkCount} head chunks re-encoded identically");

        // At 1 s for 10 s, the slow job's `up` has several samples, all 1.
        var slowUp = upRefs["prometheus"];
        Assert.True(samplesByRef[slowUp].Count >= 5, process.Describe($"has {samplesByRef[slowUp].Count} `up` samples for job prometheus"));
        Assert.All(samplesByRef[slowUp], s => Assert.Equal(1.0, s.Value));
    }

    private static (Dictionary<string, ulong> UpRefs, Dictionary<ulong, List<RefSample>> Samples, HashSet<ulong> SeriesRefs) ReadWal(string wal, PeerProcess process)
    {
        var decoder = new RecordDecoder();
        var series = new List<RefSeries>();
        var samples = new List<RefSample>();
        var types = new Dictionary<RecordType, int>();
        using (var reader = WalReader.Open(wal))
        {
            while (reader.Next())
            {
                var type = RecordDecoder.GetType(reader.Record);
                types[type] = types.GetValueOrDefault(type) + 1;
                switch (type)
                {
                    case RecordType.Series:
                        decoder.Series(reader.Record, series);
                        break;
                    case RecordType.Samples:
                        RecordDecoder.Samples(reader.Record, samples);
                        break;
                    case RecordType.Metadata:
                        RecordDecoder.Metadata(reader.Record, []);
                        break;
                    case RecordType.Exemplars:
                        decoder.Exemplars(reader.Record, []);
                        break;
                    case RecordType.Tombstones:
                        RecordDecoder.Tombstones(reader.Record, []);
                        break;
                    default:
                        Assert.Fail(process.Describe($"wrote a WAL record of type {type} this test does not expect"));
                        break;
                }
            }

            Assert.Null(reader.Corruption);
        }

        Assert.True(types.GetValueOrDefault(RecordType.Series) > 0 && types.GetValueOrDefault(RecordType.Samples) > 0, string.Join(", ", types));
        var seriesRefs = series.Select(s => s.Ref).ToHashSet();
        Assert.Equal(series.Count, seriesRefs.Count);
        Assert.All(samples, s => Assert.Contains(s.Ref, seriesRefs));
        var upRefs = series
            .Where(s => s.Labels.MetricName == "up")
            .ToDictionary(s => s.Labels.Get("job"), s => s.Ref);
        Assert.Equal(["fast", "prometheus"], upRefs.Keys.Order());
        Assert.All(series.Where(s => s.Labels.MetricName == "up"), s => Assert.Equal($"127.0.0.1:{s.Labels.Get("instance").Split(':')[1]}", s.Labels.Get("instance")));
        var byRef = samples.GroupBy(s => s.Ref).ToDictionary(g => g.Key, g => g.ToList());
        return (upRefs, byRef, seriesRefs);
    }

    private static int ReadHeadChunks(string directory, HashSet<ulong> seriesRefs, Dictionary<string, ulong> upRefs, PeerProcess process)
    {
        using var mapper = ChunkDiskMapper.Open(directory);
        var chunks = new List<(ulong Series, ChunkDiskMapperRef Ref, long Min, long Max, int Count)>();
        mapper.IterateAllChunks((series, reference, min, max, count, encoding, ooo) =>
        {
            Assert.Equal(ChunkEncoding.Xor, encoding);
            Assert.False(ooo);
            chunks.Add((series, reference, min, max, count));
        });
        Assert.True(chunks.Count > 0, process.Describe("wrote no head chunks"));
        Assert.Contains(chunks, c => c.Series == upRefs["fast"]);

        foreach (var (series, reference, min, max, count) in chunks)
        {
            Assert.Contains(series, seriesRefs);
            var chunk = mapper.ReadChunk(reference);
            Assert.Equal(count, chunk.NumSamples);

            var samples = new List<(long T, double V)>();
            var iterator = chunk.CreateIterator();
            while (iterator.Next() == ChunkValueType.Float)
            {
                samples.Add(iterator.At());
            }

            Assert.Null(iterator.Error);
            Assert.Equal(count, samples.Count);
            Assert.Equal(min, samples[0].T);
            Assert.Equal(max, samples[^1].T);

            // Our encoder produces Prometheus's bytes exactly.
            var ours = new XorChunk();
            var appender = ours.CreateAppender();
            foreach (var (t, v) in samples)
            {
                appender.Append(t, v);
            }

            Assert.Equal(chunk.Bytes.ToArray(), ours.Bytes.ToArray());
        }

        return chunks.Count;
    }

    private static async Task StopGracefullyAsync(PeerProcess process)
    {
        // SIGTERM lets Prometheus close its head: the WAL page and head chunk buffers are flushed.
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            await kill!.WaitForExitAsync();
        }

        var clock = Stopwatch.StartNew();
        while (!process.HasExited)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), process.Describe("did not stop within 30 s of SIGTERM"));
            await Task.Delay(100);
        }
    }
}
