using System.Globalization;

namespace Pharos.PushgatewayLoad;

/// <summary>
/// Samples a server process's resident set (<c>VmRSS</c>, <c>VmHWM</c> from <c>/proc/&lt;pid&gt;/status</c>) and CPU time
/// (<c>utime + stime</c> from <c>/proc/&lt;pid&gt;/stat</c>) once per second. Linux only.
/// </summary>
internal sealed class ProcessSampler
{
    // USER_HZ is 100 on every Linux architecture .NET runs on.
    private const double ClockTicksPerSecond = 100;

    private readonly int _pid;
    private readonly List<long> _rssKiB = [];

    public ProcessSampler(int pid) => _pid = pid;

    public long StartRssKiB { get; private set; }

    public long PeakRssKiB { get; private set; }

    public long FinalRssKiB { get; private set; }

    /// <summary>The kernel's high-water mark of the resident set over the process's life.</summary>
    public long HighWaterKiB { get; private set; }

    public double StartCpuSeconds { get; private set; }

    public double FinalCpuSeconds { get; private set; }

    /// <summary>One RSS sample per second, in KiB.</summary>
    public IReadOnlyList<long> RssKiB => _rssKiB;

    public bool Enabled => _pid > 0;

    public void SampleStart()
    {
        if (!Enabled)
        {
            return;
        }

        (StartRssKiB, _) = ReadStatus();
        StartCpuSeconds = ReadCpuSeconds();
    }

    public async Task RunAsync(CancellationToken stop)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    public void SampleFinal()
    {
        if (!Enabled)
        {
            return;
        }

        Sample();
        FinalRssKiB = _rssKiB[^1];
        FinalCpuSeconds = ReadCpuSeconds();
    }

    private void Sample()
    {
        var (rss, hwm) = ReadStatus();
        _rssKiB.Add(rss);
        PeakRssKiB = Math.Max(PeakRssKiB, rss);
        HighWaterKiB = hwm;
    }

    private (long RssKiB, long HighWaterKiB) ReadStatus()
    {
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{_pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = ParseKiB(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = ParseKiB(line);
            }
        }

        return (rss, hwm);
    }

    private static long ParseKiB(string line) =>
        long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);

    private double ReadCpuSeconds()
    {
        // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the whole line.
        var stat = File.ReadAllText($"/proc/{_pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / ClockTicksPerSecond;
    }
}
