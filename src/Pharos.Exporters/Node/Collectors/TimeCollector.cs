using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary>
/// <c>time</c>: the system clock, the local time zone's offset, and the kernel's available and current
/// clocksources from sysfs.
/// </summary>
internal sealed class TimeCollector(NodeCollectorOptions options) : INodeCollector
{
    public string Name => "time";

    public void Update(MetricBatch batch)
    {
        var now = options.TimeProvider.GetUtcNow();
        batch.Gauge("node_time_seconds", "System time in seconds since epoch (1970).", now.ToUnixTimeMilliseconds() / 1000.0);
        var zone = options.TimeProvider.LocalTimeZone;
        var offset = zone.GetUtcOffset(now);
        batch.Gauge(
            "node_time_zone_offset_seconds",
            "System time zone offset in seconds.",
            offset.TotalSeconds,
            ("time_zone", ZoneAbbreviation(zone, now)));

        var root = options.Paths.Sys("devices/system/clocksource");
        if (!Directory.Exists(root))
        {
            return;
        }

        var devices = Directory.GetDirectories(root, "clocksource*");
        Array.Sort(devices, StringComparer.Ordinal);
        foreach (var dir in devices)
        {
            var device = Path.GetFileName(dir)["clocksource".Length..];
            if (ProcFile.TryReadString(Path.Join(dir, "available_clocksource"), out var available))
            {
                foreach (var source in available.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    batch.Gauge("node_time_clocksource_available_info", "Available clocksources read from '/sys/devices/system/clocksource'.", 1, ("clocksource", source), ("device", device));
                }
            }

            if (ProcFile.TryReadString(Path.Join(dir, "current_clocksource"), out var current))
            {
                batch.Gauge("node_time_clocksource_current_info", "Current clocksource read from '/sys/devices/system/clocksource'.", 1, ("clocksource", current), ("device", device));
            }
        }
    }

    private static string ZoneAbbreviation(TimeZoneInfo zone, DateTimeOffset now)
    {
        // Go prints the zone abbreviation (UTC, CET, CEST); .NET exposes it only through the names on Linux,
        // which are abbreviations for most IANA zones when ICU is not loaded (invariant globalization).
        if (zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC" or "Universal" or "Zulu")
        {
            return "UTC";
        }

        return zone.IsDaylightSavingTime(now) ? zone.DaylightName : zone.StandardName;
    }
}
