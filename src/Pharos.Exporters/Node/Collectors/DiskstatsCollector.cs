using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary>
/// <c>diskstats</c>: block device I/O from <c>/proc/diskstats</c> (11, 15 or 17 statistics per kernel version),
/// sectors converted to bytes (512 each) and milliseconds to seconds, plus <c>node_disk_info</c> with udev
/// properties when the udev database is readable.
/// </summary>
internal sealed class DiskstatsCollector(NodeCollectorOptions options) : INodeCollector
{
    private const double SectorBytes = 512;
    private const double Ms = 0.001;

    // Per statistic column: metric name, help, scale, and whether it is a counter.
    private static readonly (string Name, string Help, double Scale, bool Counter)[] Stats =
    [
        ("node_disk_reads_completed_total", "The total number of reads completed successfully.", 1, true),
        ("node_disk_reads_merged_total", "The total number of reads merged.", 1, true),
        ("node_disk_read_bytes_total", "The total number of bytes read successfully.", SectorBytes, true),
        ("node_disk_read_time_seconds_total", "The total number of seconds spent by all reads.", Ms, true),
        ("node_disk_writes_completed_total", "The total number of writes completed successfully.", 1, true),
        ("node_disk_writes_merged_total", "The number of writes merged.", 1, true),
        ("node_disk_written_bytes_total", "The total number of bytes written successfully.", SectorBytes, true),
        ("node_disk_write_time_seconds_total", "This is the total number of seconds spent by all writes.", Ms, true),
        ("node_disk_io_now", "The number of I/Os currently in progress.", 1, false),
        ("node_disk_io_time_seconds_total", "Total seconds spent doing I/Os.", Ms, true),
        ("node_disk_io_time_weighted_seconds_total", "The weighted # of seconds spent doing I/Os.", Ms, true),
        ("node_disk_discards_completed_total", "The total number of discards completed successfully.", 1, true),
        ("node_disk_discards_merged_total", "The total number of discards merged.", 1, true),
        ("node_disk_discarded_sectors_total", "The total number of sectors discarded successfully.", 1, true),
        ("node_disk_discard_time_seconds_total", "This is the total number of seconds spent by all discards.", Ms, true),
        ("node_disk_flush_requests_total", "The total number of flush requests completed successfully", 1, true),
        ("node_disk_flush_requests_time_seconds_total", "This is the total number of seconds spent by all flush requests.", Ms, true),
    ];

    public string Name => "diskstats";

    public void Update(MetricBatch batch)
    {
        var path = options.Paths.Proc("diskstats");
        var lines = new LineReader(ProcFile.Read(path));
        Span<double> values = stackalloc double[Stats.Length];
        while (lines.TryRead(out var line))
        {
            var fields = new FieldReader(line);
            if (!fields.TryRead(out var majorField))
            {
                continue;
            }

            if (!fields.TryRead(out var minorField) || !fields.TryRead(out var nameField))
            {
                throw new NodeCollectorException($"{path}: malformed line '{Ascii.ToString(line)}'");
            }

            var device = Ascii.ToString(nameField);
            if (NodeCollectorOptions.IsFiltered(device, options.DiskstatsDeviceInclude, options.DiskstatsDeviceExclude))
            {
                continue;
            }

            var count = 0;
            while (count < values.Length && fields.TryRead(out var field))
            {
                values[count++] = Ascii.ParseDouble(field, path);
            }

            if (count < 11)
            {
                throw new NodeCollectorException($"{path}: {device} has {count} statistics, expected at least 11");
            }

            var major = Ascii.ToString(majorField);
            var minor = Ascii.ToString(minorField);
            AddInfo(batch, device, major, minor);
            for (var i = 0; i < count; i++)
            {
                var (name, help, scale, counter) = Stats[i];
                if (counter)
                {
                    batch.Counter(name, help, values[i] * scale, ("device", device));
                }
                else
                {
                    batch.Gauge(name, help, values[i] * scale, ("device", device));
                }
            }
        }
    }

    private void AddInfo(MetricBatch batch, string device, string major, string minor)
    {
        var udev = ReadUdev(Path.Join(options.Paths.UdevData, $"b{major}:{minor}"));
        string Get(string key) => udev.TryGetValue(key, out var v) ? v : string.Empty;
        batch.Gauge(
            "node_disk_info",
            "Info of /sys/block/<block_device>.",
            1,
            ("device", device),
            ("major", major),
            ("minor", minor),
            ("path", Get("ID_PATH")),
            ("wwn", Get("ID_WWN")),
            ("model", Get("ID_MODEL")),
            ("serial", Get("ID_SERIAL_SHORT")),
            ("revision", Get("ID_REVISION")));
    }

    private static Dictionary<string, string> ReadUdev(string path)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!ProcFile.TryRead(path, out var data))
        {
            return properties;
        }

        var lines = new LineReader(data);
        while (lines.TryRead(out var line))
        {
            // Property lines look like "E:ID_MODEL=QEMU_HARDDISK".
            if (!line.StartsWith("E:"u8))
            {
                continue;
            }

            var equals = line.IndexOf((byte)'=');
            if (equals > 2)
            {
                properties[Ascii.ToString(line[2..equals])] = Ascii.ToString(line[(equals + 1)..]);
            }
        }

        return properties;
    }
}
