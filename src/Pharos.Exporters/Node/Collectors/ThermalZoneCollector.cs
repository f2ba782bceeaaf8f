using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary>
/// <c>thermal_zone</c>: zone temperatures (millidegrees in sysfs, Celsius here) and cooling device states from
/// <c>/sys/class/thermal</c>.
/// </summary>
internal sealed class ThermalZoneCollector(NodePaths paths) : INodeCollector
{
    public string Name => "thermal_zone";

    public void Update(MetricBatch batch)
    {
        var root = paths.Sys("class/thermal");
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var dir in Sorted(root, "thermal_zone*"))
        {
            // Zones that cannot report a temperature (EINVAL/ENODATA) are skipped, as upstream does.
            if (!ProcFile.TryReadString(Path.Join(dir, "type"), out var type) ||
                !ProcFile.TryReadDouble(Path.Join(dir, "temp"), out var milli))
            {
                continue;
            }

            var zone = Path.GetFileName(dir)["thermal_zone".Length..];
            batch.Gauge("node_thermal_zone_temp", "Zone temperature in Celsius", milli / 1000, ("type", type), ("zone", zone));
        }

        foreach (var dir in Sorted(root, "cooling_device*"))
        {
            if (!ProcFile.TryReadString(Path.Join(dir, "type"), out var type))
            {
                continue;
            }

            var name = Path.GetFileName(dir)["cooling_device".Length..];
            if (ProcFile.TryReadDouble(Path.Join(dir, "cur_state"), out var current))
            {
                batch.Gauge("node_cooling_device_cur_state", "Current throttle state of the cooling device", current, ("name", name), ("type", type));
            }

            if (ProcFile.TryReadDouble(Path.Join(dir, "max_state"), out var max))
            {
                batch.Gauge("node_cooling_device_max_state", "Maximum throttle state of the cooling device", max, ("name", name), ("type", type));
            }
        }
    }

    private static string[] Sorted(string root, string pattern)
    {
        var dirs = Directory.GetDirectories(root, pattern);
        Array.Sort(dirs, StringComparer.Ordinal);
        return dirs;
    }
}
