using System.Diagnostics;
using System.Globalization;
using Pharos.Model;
using Pharos.Storage;
using Pharos.Tsdb.Block;
using Pharos.Tsdb.Db;
using Pharos.Tsdb.Head;
using Pharos.Tsdb.Wal;

namespace Pharos.Benchmarks.Tsdb;

/// <summary>
/// Whole-database measurements that do not fit BenchmarkDotNet's repeat-and-average model, run with
/// <c>dotnet run -c Release --project bench/Pharos.Benchmarks -- tsdb-footprint [series]</c>: managed bytes per head
/// series, WAL replay time of series × 2h at 15 s, and disk bytes per sample of a 4h block. Prints one line per
/// figure.
/// </summary>
public static class TsdbFootprint
{
    private const long StepMs = 15_000;
    private const long TwoHoursMs = 2 * 3_600_000;

    /// <summary>Runs every measurement.</summary>
    /// <param name="args">Optional: the series count for the memory figure (default 1,000,000) and for the replay (default 100,000).</param>
    public static void Run(string[] args)
    {
        var memorySeries = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var replaySeries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        MeasureHeadMemory(memorySeries);
        MeasureBlockBytes(10_000);
        MeasureReplay(replaySeries);
    }

    private static Labels SeriesLabels(int i) => Labels.FromStrings(
        "__name__", "node_cpu_seconds_total",
        "cpu", (i % 64).ToString(CultureInfo.InvariantCulture),
        "instance", $"host-{i / 64}:9100",
        "job", "node",
        "mode", (i % 8).ToString(CultureInfo.InvariantCulture));

    /// <summary>Managed heap growth per series after creating the series with one sample each.</summary>
    private static void MeasureHeadMemory(int seriesCount)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var labels = new Labels[seriesCount];
        for (var i = 0; i < seriesCount; i++)
        {
            labels[i] = SeriesLabels(i);
        }

        var afterLabels = GC.GetTotalMemory(forceFullCollection: true);
        var head = new Head();
        var refs = new SeriesRef[seriesCount];
        for (var start = 0; start < seriesCount; start += 10_000)
        {
            var app = head.CreateAppender();
            for (var i = start; i < Math.Min(seriesCount, start + 10_000); i++)
            {
                app.Append(ref refs[i], labels[i], 1000, i);
            }

            app.Commit();
        }

        var afterHead = GC.GetTotalMemory(forceFullCollection: true);
        for (var t = 2; t <= 120; t++)
        {
            var app = head.CreateAppender();
            for (var i = 0; i < seriesCount; i++)
            {
                app.Append(ref refs[i], labels[i], t * StepMs, i + t);
            }

            app.Commit();
        }

        var afterChunk = GC.GetTotalMemory(forceFullCollection: true);
        var labelsBytes = (afterLabels - baseline) / (double)seriesCount;
        var headBytes = (afterHead - afterLabels) / (double)seriesCount;
        var fullChunkBytes = (afterChunk - afterLabels) / (double)seriesCount;
        Console.WriteLine($"head memory: {seriesCount} series: labels {labelsBytes:F0} B/series, head structures {headBytes:F0} B/series (1 sample), total {labelsBytes + headBytes:F0} B/series; with 120 samples each {labelsBytes + fullChunkBytes:F0} B/series");
        Console.WriteLine($"process working set {Environment.WorkingSet / (1024 * 1024)} MiB");
        GC.KeepAlive(head);
        GC.KeepAlive(labels);
    }

    /// <summary>Disk bytes per sample of a 4h block of counters and gauges at 15 s.</summary>
    private static void MeasureBlockBytes(int seriesCount)
    {
        var dir = Directory.CreateTempSubdirectory("pharos-footprint-").FullName;
        try
        {
            var head = new Head(new HeadOptions { ChunkRangeMs = 2 * TwoHoursMs });
            var random = new Random(1);
            var refs = new SeriesRef[seriesCount];
            var values = new double[seriesCount];
            var labels = Enumerable.Range(0, seriesCount).Select(SeriesLabels).ToArray();
            for (var t = 0L; t < 2 * TwoHoursMs; t += StepMs)
            {
                var app = head.CreateAppender();
                for (var i = 0; i < seriesCount; i++)
                {
                    // Half counters rising by small integers, half gauges with two decimals: typical node exporter data.
                    values[i] = i % 2 == 0 ? values[i] + random.Next(0, 100) : Math.Round(random.NextDouble() * 100, 2);
                    app.Append(ref refs[i], labels[i], t + random.Next(-50, 50) + 100, values[i]);
                }

                app.Commit();
            }

            var meta = BlockWriter.Write(head, dir, 0, (2 * TwoHoursMs) + 1000)!;
            var bytes = new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            var chunkBytes = new DirectoryInfo(Path.Combine(dir, meta.Ulid, "chunks")).EnumerateFiles().Sum(f => f.Length);
            Console.WriteLine($"4h block: {meta.Stats.NumSamples} samples, {meta.Stats.NumSeries} series, {bytes} bytes: {bytes / (double)meta.Stats.NumSamples:F2} B/sample (chunks alone {chunkBytes / (double)meta.Stats.NumSamples:F2})");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Writes series × 2h at 15 s through a database (WAL), then times the replay of a reopen.</summary>
    private static void MeasureReplay(int seriesCount)
    {
        var dir = Directory.CreateTempSubdirectory("pharos-replay-").FullName;
        try
        {
            var labels = Enumerable.Range(0, seriesCount).Select(SeriesLabels).ToArray();
            var refs = new SeriesRef[seriesCount];
            var options = new TsdbOptions { Wal = new WalOptions { SyncPolicy = WalSyncPolicy.SegmentClose } };
            var write = Stopwatch.StartNew();
            using (var db = TsdbDatabase.Open(dir, options))
            {
                for (var t = 0L; t < TwoHoursMs; t += StepMs)
                {
                    for (var start = 0; start < seriesCount; start += 10_000)
                    {
                        var app = db.CreateAppender();
                        for (var i = start; i < Math.Min(seriesCount, start + 10_000); i++)
                        {
                            app.Append(ref refs[i], labels[i], t, (t / StepMs) + i);
                        }

                        app.Commit();
                    }
                }
            }

            write.Stop();
            var walBytes = new DirectoryInfo(Path.Combine(dir, "wal")).EnumerateFiles().Sum(f => f.Length);
            var samples = seriesCount * (TwoHoursMs / StepMs);
            var replay = Stopwatch.StartNew();
            using (var reopened = TsdbDatabase.OpenReadOnly(dir, options))
            {
                replay.Stop();
                Console.WriteLine($"WAL replay: {seriesCount} series x 2h at 15s = {samples} samples, WAL {walBytes / (1024 * 1024)} MiB (compressed), written in {write.Elapsed.TotalSeconds:F1} s ({samples / write.Elapsed.TotalSeconds / 1e6:F2} M samples/s incl. WAL), replayed in {replay.Elapsed.TotalSeconds:F1} s ({samples / replay.Elapsed.TotalSeconds / 1e6:F2} M samples/s), {reopened.Head.SeriesCount} series");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
