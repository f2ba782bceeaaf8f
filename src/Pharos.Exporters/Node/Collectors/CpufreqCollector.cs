using System.Globalization;
using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary>
/// <c>cpufreq</c>: per-CPU frequencies from <c>/sys/devices/system/cpu/cpuN/cpufreq</c> (kHz in sysfs, hertz
/// here) and the active scaling governor. Machines without cpufreq (most VMs) produce no metrics.
/// </summary>
internal sealed class CpufreqCollector(NodePaths paths) : INodeCollector
{
    private static readonly (string File, string Name, string Help)[] Frequencies =
    [
        ("cpuinfo_cur_freq", "node_cpu_frequency_hertz", "Current CPU thread frequency in hertz."),
        ("cpuinfo_max_freq", "node_cpu_frequency_max_hertz", "Maximum CPU thread frequency in hertz."),
        ("cpuinfo_min_freq", "node_cpu_frequency_min_hertz", "Minimum CPU thread frequency in hertz."),
        ("scaling_cur_freq", "node_cpu_scaling_frequency_hertz", "Current scaled CPU thread frequency in hertz."),
        ("scaling_max_freq", "node_cpu_scaling_frequency_max_hertz", "Maximum scaled CPU thread frequency in hertz."),
        ("scaling_min_freq", "node_cpu_scaling_frequency_min_hertz", "Minimum scaled CPU thread frequency in hertz."),
    ];

    public string Name => "cpufreq";

    public void Update(MetricBatch batch)
    {
        var root = paths.Sys("devices/system/cpu");
        if (!Directory.Exists(root))
        {
            return;
        }

        var cpus = new SortedDictionary<int, string>();
        foreach (var dir in Directory.EnumerateDirectories(root, "cpu*"))
        {
            var name = Path.GetFileName(dir);
            if (int.TryParse(name.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && Directory.Exists(Path.Join(dir, "cpufreq")))
            {
                cpus[index] = Path.Join(dir, "cpufreq");
            }
        }

        foreach (var (file, name, help) in Frequencies)
        {
            foreach (var (cpu, dir) in cpus)
            {
                if (ProcFile.TryReadDouble(Path.Join(dir, file), out var khz))
                {
                    batch.Gauge(name, help, khz * 1000, ("cpu", cpu.ToString(CultureInfo.InvariantCulture)));
                }
            }
        }

        foreach (var (cpu, dir) in cpus)
        {
            if (!ProcFile.TryReadString(Path.Join(dir, "scaling_governor"), out var current) ||
                !ProcFile.TryReadString(Path.Join(dir, "scaling_available_governors"), out var available))
            {
                continue;
            }

            foreach (var governor in available.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                batch.Gauge(
                    "node_cpu_scaling_governor",
                    "Current enabled CPU frequency governor.",
                    governor == current ? 1 : 0,
                    ("cpu", cpu.ToString(CultureInfo.InvariantCulture)),
                    ("governor", governor));
            }
        }
    }
}
