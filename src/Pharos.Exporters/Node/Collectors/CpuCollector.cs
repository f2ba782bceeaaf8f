using System.Globalization;
using System.Text.RegularExpressions;
using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary>
/// <c>cpu</c>: per-CPU time per mode from the <c>cpuN</c> lines of <c>/proc/stat</c> (USER_HZ ticks, 100 per
/// second on every Linux ABI), guest time, optionally <c>/proc/cpuinfo</c> as <c>node_cpu_info</c>, and thermal
/// throttle counters from sysfs when the kernel exposes them.
/// </summary>
internal sealed class CpuCollector(NodeCollectorOptions options) : INodeCollector
{
    private const double TicksPerSecond = 100;

    // Column order of a cpuN line after the name; guest and guest_nice are reported separately.
    private static readonly string[] Modes = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"];

    public string Name => "cpu";

    public void Update(MetricBatch batch)
    {
        var path = options.Paths.Proc("stat");
        var lines = new LineReader(ProcFile.Read(path));
        Span<double> values = stackalloc double[10];
        while (lines.TryRead(out var line))
        {
            if (!line.StartsWith("cpu"u8) || line.Length < 4 || line[3] is (byte)' ')
            {
                continue;
            }

            var fields = new FieldReader(line);
            fields.TryRead(out var name);
            var cpu = Ascii.ToString(name[3..]);
            values.Clear();
            var count = 0;
            while (count < values.Length && fields.TryRead(out var field))
            {
                values[count++] = Ascii.ParseDouble(field, path) / TicksPerSecond;
            }

            if (count < 4)
            {
                throw new NodeCollectorException($"{path}: too few fields for cpu{cpu}");
            }

            for (var i = 0; i < Modes.Length; i++)
            {
                batch.Counter("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.", values[i], ("cpu", cpu), ("mode", Modes[i]));
            }

            if (options.CpuGuest)
            {
                const string Help = "Seconds the CPUs spent in guests (VMs) for each mode.";
                batch.Counter("node_cpu_guest_seconds_total", Help, values[8], ("cpu", cpu), ("mode", "user"));
                batch.Counter("node_cpu_guest_seconds_total", Help, values[9], ("cpu", cpu), ("mode", "nice"));
            }
        }

        AddThrottles(batch);
        if (options.CpuInfo)
        {
            AddInfo(batch);
        }
    }

    private void AddThrottles(MetricBatch batch)
    {
        var root = options.Paths.Sys("devices/system/cpu");
        if (!Directory.Exists(root))
        {
            return;
        }

        var packages = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var cores = new SortedDictionary<(string Package, string Core), double>();
        foreach (var dir in Directory.EnumerateDirectories(root, "cpu*"))
        {
            var suffix = Path.GetFileName(dir.AsSpan())[3..];
            if (suffix.IsEmpty || !int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            if (!ProcFile.TryReadString(Path.Join(dir, "topology/physical_package_id"), out var package) ||
                !ProcFile.TryReadString(Path.Join(dir, "topology/core_id"), out var core))
            {
                continue;
            }

            if (ProcFile.TryReadDouble(Path.Join(dir, "thermal_throttle/core_throttle_count"), out var coreCount))
            {
                cores.TryAdd((package, core), coreCount);
            }

            if (ProcFile.TryReadDouble(Path.Join(dir, "thermal_throttle/package_throttle_count"), out var packageCount))
            {
                packages.TryAdd(package, packageCount);
            }
        }

        foreach (var ((package, core), count) in cores)
        {
            batch.Counter("node_cpu_core_throttles_total", "Number of times this CPU core has been throttled.", count, ("core", core), ("package", package));
        }

        foreach (var (package, count) in packages)
        {
            batch.Counter("node_cpu_package_throttles_total", "Number of times this CPU package has been throttled.", count, ("package", package));
        }
    }

    private void AddInfo(MetricBatch batch)
    {
        var path = options.Paths.Proc("cpuinfo");
        var text = Ascii.ToString(ProcFile.Read(path));
        foreach (var block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in block.Split('\n'))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
                }
            }

            if (!fields.TryGetValue("processor", out var cpu))
            {
                continue;
            }

            string Field(string key) => fields.TryGetValue(key, out var v) ? v : string.Empty;
            batch.Gauge(
                "node_cpu_info",
                "CPU information from /proc/cpuinfo.",
                1,
                ("package", Field("physical id")),
                ("core", Field("core id")),
                ("cpu", cpu),
                ("vendor", Field("vendor_id")),
                ("family", Field("cpu family")),
                ("model", Field("model")),
                ("model_name", Field("model name")),
                ("microcode", Field("microcode")),
                ("stepping", Field("stepping")),
                ("cachesize", Field("cache size")));
            AddFlags(batch, cpu, Field("flags"), options.CpuFlagsInclude, "node_cpu_flag_info", "flag", "The `flags` field of CPU information from /proc/cpuinfo taken from the first core.");
            AddFlags(batch, cpu, Field("bugs"), options.CpuBugsInclude, "node_cpu_bug_info", "bug", "The `bugs` field of CPU information from /proc/cpuinfo taken from the first core.");
        }
    }

    private static void AddFlags(MetricBatch batch, string cpu, string list, Regex? include, string name, string label, string help)
    {
        // Upstream reports flags and bugs of the first core only.
        if (include is null || cpu != "0")
        {
            return;
        }

        foreach (var flag in list.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal))
        {
            if (include.IsMatch(flag))
            {
                batch.Gauge(name, help, 1, (label, flag));
            }
        }
    }
}
