using System.Text.RegularExpressions;
using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary>
/// <c>hwmon</c>: hardware sensors under <c>/sys/class/hwmon</c>. Files named <c>TYPE[N]_PROPERTY</c> become
/// <c>node_hwmon_TYPE[_PROPERTY]_UNIT</c> with sysfs's milli/micro units converted to base units; chips are named
/// after their stable device path (<c>platform_coretemp_0</c>) rather than the unstable <c>hwmonN</c>.
/// </summary>
internal sealed partial class HwmonCollector(NodePaths paths) : INodeCollector
{
    private static readonly Dictionary<string, (string Unit, double Divisor, string Description)> Units = new(StringComparer.Ordinal)
    {
        ["temp"] = ("celsius", 1000, "temperature"),
        ["in"] = ("volts", 1000, "voltage"),
        ["curr"] = ("amps", 1000, "current"),
        ["power"] = ("watt", 1_000_000, "power"),
        ["energy"] = ("joule", 1_000_000, "energy"),
        ["fan"] = ("rpm", 1, "fan revolutions per minute"),
    };

    private static readonly HashSet<string> Unscaled = new(StringComparer.Ordinal)
    {
        "alarm", "beep", "label", "type", "fault", "enable", "mode", "div", "pulses", "manual", "output", "tolerance",
    };

    private static readonly HashSet<string> FanScaled = new(StringComparer.Ordinal) { "input", "min", "max", "target" };

    public string Name => "hwmon";

    public void Update(MetricBatch batch)
    {
        var root = paths.Sys("class/hwmon");
        if (!Directory.Exists(root))
        {
            throw NodeCollectorException.Missing($"{root} does not exist");
        }

        var dirs = Directory.GetFileSystemEntries(root);
        Array.Sort(dirs, StringComparer.Ordinal);
        foreach (var dir in dirs)
        {
            var chip = ChipName(dir);
            if (ProcFile.TryReadString(Path.Join(dir, "name"), out var chipName))
            {
                batch.Gauge("node_hwmon_chip_names", "Annotation metric for human-readable chip names", 1, ("chip", chip), ("chip_name", chipName));
            }

            var sensors = new SortedDictionary<string, string>(StringComparer.Ordinal);
            Collect(dir, sensors);
            Collect(Path.Join(dir, "device"), sensors);
            foreach (var (file, path) in sensors)
            {
                AddSensor(batch, chip, file, path);
            }
        }
    }

    private static void Collect(string dir, SortedDictionary<string, string> sensors)
    {
        if (!Directory.Exists(dir))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(dir))
        {
            var name = Path.GetFileName(file);
            if (SensorPattern().IsMatch(name))
            {
                sensors.TryAdd(name, file);
            }
        }
    }

    private static void AddSensor(MetricBatch batch, string chip, string file, string path)
    {
        var match = SensorPattern().Match(file);
        var type = match.Groups[1].Value;
        var sensor = type + match.Groups[2].Value;
        var property = match.Groups[3].Value;
        if (property == "label")
        {
            if (ProcFile.TryReadString(path, out var label))
            {
                batch.Gauge("node_hwmon_sensor_label", "Label for given chip and sensor", 1, ("chip", chip), ("label", label), ("sensor", sensor));
            }

            return;
        }

        if (!ProcFile.TryReadDouble(path, out var value))
        {
            return;
        }

        (string, string)[] labels = [("chip", chip), ("sensor", sensor)];
        if (property == "alarm")
        {
            batch.Gauge($"node_hwmon_{type}_alarm", $"Hardware sensor alarm status ({type})", value, labels);
        }
        else if (property == "beep")
        {
            batch.Gauge($"node_hwmon_{type}_beep_enabled", "Hardware monitor sensor has beeping enabled", value, labels);
        }
        else if (Units.TryGetValue(type, out var unit) && !Unscaled.Contains(property) && (type != "fan" || FanScaled.Contains(property)))
        {
            var name = property is "input" or "" ? $"node_hwmon_{type}_{unit.Unit}" : $"node_hwmon_{type}_{property}_{unit.Unit}";
            var shown = property.Length == 0 ? "input" : property;
            batch.Gauge(name, $"Hardware monitor for {unit.Description} ({shown})", value / unit.Divisor, labels);
        }
        else
        {
            var name = property.Length == 0 ? $"node_hwmon_{type}" : $"node_hwmon_{type}_{property}";
            batch.Gauge(name, $"Hardware monitor {type} element {property}", value, labels);
        }
    }

    /// <summary>A stable chip name: device type and name from the resolved device link, else the name file.</summary>
    internal static string ChipName(string dir)
    {
        var device = new DirectoryInfo(Path.Join(dir, "device"));
        if (device.Exists)
        {
            var target = device.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? device.FullName;
            var name = Clean(Path.GetFileName(target));
            var type = Clean(Path.GetFileName(Path.GetDirectoryName(target) ?? string.Empty));
            if (name.Length > 0)
            {
                return type.Length > 0 ? $"{type}_{name}" : name;
            }
        }

        if (ProcFile.TryReadString(Path.Join(dir, "name"), out var raw) && Clean(raw) is { Length: > 0 } cleaned)
        {
            return cleaned;
        }

        var real = new DirectoryInfo(dir).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dir;
        return Clean(Path.GetFileName(real.TrimEnd('/')));
    }

    private static string Clean(string name) => InvalidChars().Replace(name, "_").Trim('_').ToLowerInvariant();

    [GeneratedRegex(@"^([a-z]+)(\d+)(?:_(.+))?$")]
    private static partial Regex SensorPattern();

    [GeneratedRegex("[^a-zA-Z0-9_]+")]
    private static partial Regex InvalidChars();
}
