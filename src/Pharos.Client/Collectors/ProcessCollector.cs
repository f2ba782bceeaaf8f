using System.Diagnostics;
using System.Globalization;

namespace Pharos.Client.Collectors;

/// <summary>
/// Process metrics under the names client_golang's process collector uses, so upstream dashboards work:
/// <c>process_cpu_seconds_total</c>, <c>process_resident_memory_bytes</c>, <c>process_virtual_memory_bytes</c>,
/// <c>process_start_time_seconds</c>, and on Linux (read from <c>/proc/self</c>) <c>process_open_fds</c>,
/// <c>process_max_fds</c> and <c>process_virtual_memory_max_bytes</c>.
/// </summary>
public sealed class ProcessCollector : ICollector
{
    private const string ProcSelf = "/proc/self";

    private readonly double _startTimeSeconds;

    /// <summary>Creates the collector; the start time is read once.</summary>
    public ProcessCollector()
    {
        using var process = Process.GetCurrentProcess();
        _startTimeSeconds = new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
    }

    /// <inheritdoc/>
    public IEnumerable<MetricFamilySnapshot> Collect()
    {
        var families = new List<MetricFamilySnapshot>
        {
            Family("process_cpu_seconds_total", MetricType.Counter, "Total user and system CPU time spent in seconds.", Environment.CpuUsage.TotalTime.TotalSeconds),
            Family("process_resident_memory_bytes", MetricType.Gauge, "Resident memory size in bytes.", Environment.WorkingSet),
            Family("process_start_time_seconds", MetricType.Gauge, "Start time of the process since unix epoch in seconds.", _startTimeSeconds),
        };

        if (OperatingSystem.IsLinux() && Directory.Exists(ProcSelf))
        {
            AddLinux(families);
        }
        else
        {
            using var process = Process.GetCurrentProcess();
            families.Add(Family("process_virtual_memory_bytes", MetricType.Gauge, "Virtual memory size in bytes.", process.VirtualMemorySize64));
        }

        return families;
    }

    private static void AddLinux(List<MetricFamilySnapshot> families)
    {
        // /proc/self/stat: the command name (field 2) may contain spaces, so split after its closing parenthesis.
        // vsize is field 23, i.e. index 20 after the state field.
        var stat = File.ReadAllText($"{ProcSelf}/stat");
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (rest.Length > 20 && double.TryParse(rest[20], NumberStyles.Float, CultureInfo.InvariantCulture, out var vsize))
        {
            families.Add(Family("process_virtual_memory_bytes", MetricType.Gauge, "Virtual memory size in bytes.", vsize));
        }

        try
        {
            var fds = Directory.EnumerateFileSystemEntries($"{ProcSelf}/fd").Count();
            families.Add(Family("process_open_fds", MetricType.Gauge, "Number of open file descriptors.", fds));
        }
        catch (IOException)
        {
            // The directory can vanish under a closing descriptor; skip the sample for this scrape.
        }

        foreach (var line in File.ReadLines($"{ProcSelf}/limits"))
        {
            if (line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                families.Add(Family("process_max_fds", MetricType.Gauge, "Maximum number of open file descriptors.", ParseLimit(line, "Max open files".Length)));
            }
            else if (line.StartsWith("Max address space", StringComparison.Ordinal))
            {
                families.Add(Family("process_virtual_memory_max_bytes", MetricType.Gauge, "Maximum amount of virtual memory available in bytes.", ParseLimit(line, "Max address space".Length)));
            }
        }
    }

    /// <summary>Parses the soft limit column; <c>unlimited</c> becomes 2^64-1 as upstream reports it.</summary>
    private static double ParseLimit(string line, int nameLength)
    {
        var soft = line[nameLength..].TrimStart().Split(' ', 2)[0];
        return soft == "unlimited" ? ulong.MaxValue : double.Parse(soft, CultureInfo.InvariantCulture);
    }

    private static MetricFamilySnapshot Family(string name, MetricType type, string help, double value) =>
        new(name, type, help, [MetricPoint.Sample(value)]);
}
