using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Pharos.Model;
using Pharos.Testing;
using Pharos.Testing.Peers;
using Pharos.Tsdb.Chunks;
using Pharos.Tsdb.Record;
using Pharos.Tsdb.Wal;
using Xunit;

namespace Pharos.Tsdb.Tests.Interop;

/// <summary>
/// The other direction: a data directory holding only a WAL and head chunk files written by us; real Prometheus
/// (Debian's 2.42) replays it at start-up and serves every sample.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public class PrometheusReadsOurFilesTests
{
    private const int ChunkSamples = 120;
    private const int WalSamples = 20;
    private const long StepMs = 15_000;

    [Theory]
    [InlineData(WalCompression.None)]
    [InlineData(WalCompression.Snappy)]
    public async Task Prometheus_replays_our_wal_and_head_chunks_and_serves_every_sample(WalCompression compression)
    {
        // An hour ago, on a whole second: well inside the head's window, and the samples end 25 minutes ago.
        var startMs = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000) - 3_600_000;
        var port = FreePort.Next();
        var process = PeerProcess.Start(
            PrometheusPeer.Binary,
            dir =>
            {
                var data = Path.Combine(dir, "data");
                WriteDataDirectory(data, startMs, compression);
                var config = Path.Combine(dir, "prometheus.yml");
                File.WriteAllText(config, "global:\n  scrape_interval: 1m\n");
                return [$"--config.file={config}", $"--storage.tsdb.path={data}", $"--web.listen-address=127.0.0.1:{port}"];
            },
            name: "prometheus");
        using var _ = process;
        await process.WaitForHttpOkAsync(new Uri($"http://127.0.0.1:{port}/-/ready"), TimeSpan.FromSeconds(30));

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var counter = Enumerable.Range(0, ChunkSamples + WalSamples).Select(i => (double)(i * 3)).ToArray();
        Assert.Equal(counter.Length, await QueryScalarAsync(http, process, "count_over_time(pharos_interop_total[3h])"));
        Assert.Equal(counter.Sum(), await QueryScalarAsync(http, process, "sum_over_time(pharos_interop_total[3h])"));
        Assert.Equal(WalSamples, await QueryScalarAsync(http, process, "count_over_time(pharos_interop_gauge[3h])"));
        Assert.Equal(-0.5 * WalSamples, await QueryScalarAsync(http, process, "sum_over_time(pharos_interop_gauge[3h])"));
    }

    private static void WriteDataDirectory(string data, long startMs, WalCompression compression)
    {
        var counter = new RefSeries(1, Labels.FromStrings("__name__", "pharos_interop_total", "job", "pharos"));
        var gauge = new RefSeries(2, Labels.FromStrings("__name__", "pharos_interop_gauge", "job", "pharos"));

        // The counter's first 120 samples sit in a head chunk file, as if Prometheus had m-mapped a full chunk.
        var chunk = new XorChunk();
        var appender = chunk.CreateAppender();
        for (var i = 0; i < ChunkSamples; i++)
        {
            appender.Append(startMs + (i * StepMs), i * 3);
        }

        using (var mapper = ChunkDiskMapper.Open(Path.Combine(data, "chunks_head")))
        {
            mapper.WriteChunk(counter.Ref, startMs, startMs + ((ChunkSamples - 1) * StepMs), chunk);
        }

        var buffer = new ArrayBufferWriter<byte>();
        using var wal = WriteAheadLog.Open(Path.Combine(data, "wal"), new WalOptions { Compression = compression });
        RecordEncoder.Series([counter, gauge], buffer);
        wal.Log(buffer.WrittenSpan);
        for (var i = 0; i < WalSamples; i++)
        {
            var t = startMs + ((ChunkSamples + i) * StepMs);
            buffer.Clear();
            RecordEncoder.Samples([new(counter.Ref, t, (ChunkSamples + i) * 3), new(gauge.Ref, t, -0.5)], buffer);
            wal.Log(buffer.WrittenSpan);
        }
    }

    private static async Task<double> QueryScalarAsync(HttpClient http, PeerProcess process, string expr)
    {
        var body = await http.GetStringAsync($"api/v1/query?query={Uri.EscapeDataString($"sum({expr})")}");
        using var document = JsonDocument.Parse(body);
        var result = document.RootElement.GetProperty("data").GetProperty("result");
        Assert.True(result.GetArrayLength() == 1, process.Describe($"answered {expr} with {body}"));
        return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }
}
