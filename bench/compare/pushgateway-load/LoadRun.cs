using System.Diagnostics;
using System.Globalization;

namespace Pharos.PushgatewayLoad;

/// <summary>
/// One bounded load run against one server: N pushers and one scraper share an <see cref="HttpClient"/> until the
/// duration has elapsed, while the server's RSS and CPU are sampled. Stops by itself: the deadline ends the loops and
/// every request has a timeout.
/// </summary>
internal static class LoadRun
{
    public static async Task<LoadResult> RunAsync(LoadOptions options, TextWriter log)
    {
        using var handler = new SocketsHttpHandler
        {
            // One connection per pusher plus the scraper and the readiness probe, so pushes never queue in the client.
            MaxConnectionsPerServer = options.Pushers + 4,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        using var client = new HttpClient(handler) { Timeout = options.RequestTimeout };

        await WaitReadyAsync(client, options);

        var errors = new ErrorCounts();
        var pushers = Enumerable.Range(0, options.Pushers).Select(i => new Pusher(i, client, options, errors)).ToArray();
        var scraper = new Scraper(client, options, errors);
        var sampler = new ProcessSampler(options.ServerPid);
        var loadBefore = ReadLoadAverage();
        sampler.SampleStart();

        log.WriteLine($"{options.Name}: {options.Pushers} pushers, think {options.ThinkTime.TotalMilliseconds} ms, " +
            $"scrape every {options.ScrapeInterval.TotalSeconds} s, for {options.Duration.TotalSeconds} s against {options.BaseUrl}");
        using var stop = new CancellationTokenSource(options.Duration);
        using var stopSampler = new CancellationTokenSource();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        var samplerTask = sampler.RunAsync(stopSampler.Token);
        var progressTask = ReportProgressAsync(pushers, errors, sampler, log, stop.Token);
        await Task.WhenAll(pushers.Select(p => Task.Run(() => p.RunAsync(deadline, stop.Token))).Append(scraper.RunAsync(deadline, stop.Token)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        await stopSampler.CancelAsync();
        await samplerTask;
        await progressTask;
        sampler.SampleFinal();
        var loadAfter = ReadLoadAverage();

        var pushMicros = new long[pushers.Sum(p => p.Latencies.Count)];
        var offset = 0;
        foreach (var pusher in pushers)
        {
            pusher.Latencies.Micros.CopyTo(pushMicros.AsSpan(offset));
            offset += pusher.Latencies.Count;
        }

        Array.Sort(pushMicros);
        var scrapeMicros = scraper.Latencies.Micros.ToArray();
        Array.Sort(scrapeMicros);

        var result = new LoadResult();
        result.Add("name", options.Name);
        result.Add("date_utc", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        result.Add("pushers", options.Pushers);
        result.Add("duration_s", options.Duration.TotalSeconds);
        result.Add("think_ms", options.ThinkTime.TotalMilliseconds);
        result.Add("elapsed_s", elapsed.TotalSeconds, "0.0");
        result.Add("pushes_ok", pushMicros.Length);
        result.Add("pushes_per_s", pushMicros.Length / elapsed.TotalSeconds, "0");
        result.Add("push_p50_ms", LoadResult.PercentileMs(pushMicros, 0.50));
        result.Add("push_p90_ms", LoadResult.PercentileMs(pushMicros, 0.90));
        result.Add("push_p99_ms", LoadResult.PercentileMs(pushMicros, 0.99));
        result.Add("push_max_ms", LoadResult.PercentileMs(pushMicros, 1.0));
        result.Add("latencies_dropped", pushers.Sum(p => p.Latencies.Dropped));
        result.Add("errors_total", errors.Total);
        result.Add("errors", errors.Describe());
        result.Add("scrapes", scrapeMicros.Length);
        result.Add("scrape_p50_ms", LoadResult.PercentileMs(scrapeMicros, 0.50));
        result.Add("scrape_p99_ms", LoadResult.PercentileMs(scrapeMicros, 0.99));
        result.Add("scrape_max_ms", LoadResult.PercentileMs(scrapeMicros, 1.0));
        result.Add("groups_last", scraper.LastGroups);
        result.Add("families_last", scraper.LastFamilies);
        result.Add("samples_last", scraper.LastSamples);
        result.Add("body_bytes_last", scraper.LastBodyBytes);
        if (sampler.Enabled)
        {
            result.Add("rss_start_mib", sampler.StartRssKiB / 1024.0, "0.0");
            result.Add("rss_peak_mib", sampler.PeakRssKiB / 1024.0, "0.0");
            result.Add("rss_final_mib", sampler.FinalRssKiB / 1024.0, "0.0");
            result.Add("rss_hwm_mib", sampler.HighWaterKiB / 1024.0, "0.0");
            result.Add("rss_every_15s_mib", string.Join(" ", sampler.RssKiB.Where((_, i) => i % 15 == 14).Select(k => (k / 1024.0).ToString("0", CultureInfo.InvariantCulture))));
            result.Add("cpu_s", sampler.FinalCpuSeconds - sampler.StartCpuSeconds, "0.0");
        }

        result.Add("loadavg_start", loadBefore);
        result.Add("loadavg_end", loadAfter);
        foreach (var message in errors.FirstMessages())
        {
            log.WriteLine($"  first error {message}");
        }

        return result;
    }

    private static async Task WaitReadyAsync(HttpClient client, LoadOptions options)
    {
        var ready = new Uri(options.BaseUrl, "-/ready");
        var until = Stopwatch.GetTimestamp() + (long)(options.ReadyTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(ready);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (Stopwatch.GetTimestamp() < until)
            {
                // Not listening yet.
            }

            if (Stopwatch.GetTimestamp() >= until)
            {
                throw new TimeoutException($"{ready} not ready after {options.ReadyTimeout.TotalSeconds} s");
            }

            await Task.Delay(100);
        }
    }

    private static async Task ReportProgressAsync(Pusher[] pushers, ErrorCounts errors, ProcessSampler sampler, TextWriter log, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
        var started = Stopwatch.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var rss = sampler.RssKiB.Count > 0 ? $", RSS {sampler.RssKiB[^1] / 1024.0:0.0} MiB" : "";
                log.WriteLine($"  {Stopwatch.GetElapsedTime(started).TotalSeconds,5:0} s: {pushers.Sum(p => p.Latencies.Count)} pushes, {errors.Total} errors{rss}");
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private static string ReadLoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "-";
}
