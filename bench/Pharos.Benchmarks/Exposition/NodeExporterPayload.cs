using Pharos.Exposition;
using Pharos.Exposition.Body;
using Pharos.Exposition.Model;
using Pharos.Exposition.Protobuf;
using Pharos.Exposition.Writers;
using Pharos.Model;

namespace Pharos.Benchmarks.Exposition;

/// <summary>
/// A deterministic node_exporter-like payload of about 10,000 samples: per-CPU mode counters, disk, filesystem and
/// network families with their real label names, Go runtime summaries and classic histograms.
/// </summary>
public static class NodeExporterPayload
{
    private static readonly Lazy<List<MetricFamily>> LazyFamilies = new(Build);
    private static readonly Dictionary<ExpositionFormat, byte[]> Payloads = [];

    /// <summary>The families (built once).</summary>
    public static List<MetricFamily> Families => LazyFamilies.Value;

    /// <summary>Number of samples (lines of the text format that carry a value).</summary>
    public static int SampleCount => Families.Sum(f => f.Points.Sum(p => f.Type switch
    {
        MetricType.Histogram => p.Buckets.Count + 2,
        MetricType.Summary => p.Quantiles.Count + 2,
        _ => 1,
    }));

    /// <summary>The payload in <paramref name="format"/>, written once with the Pharos writers.</summary>
    /// <param name="format">The format.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Get(ExpositionFormat format)
    {
        lock (Payloads)
        {
            if (!Payloads.TryGetValue(format, out var bytes))
            {
                using var buffer = new BodyBuffer();
                Write(format, buffer, Families);
                bytes = buffer.WrittenSpan.ToArray();
                Payloads[format] = bytes;
            }

            return bytes;
        }
    }

    /// <summary>Writes <paramref name="families"/> in <paramref name="format"/>.</summary>
    /// <param name="format">The format.</param>
    /// <param name="destination">The destination.</param>
    /// <param name="families">The families.</param>
    public static void Write(ExpositionFormat format, BodyBuffer destination, List<MetricFamily> families)
    {
        switch (format)
        {
            case ExpositionFormat.PrometheusText:
                foreach (var f in families)
                {
                    PrometheusTextWriter.WriteFamily(destination, f);
                }

                break;
            case ExpositionFormat.OpenMetricsText:
                foreach (var f in families)
                {
                    OpenMetricsTextWriter.WriteFamily(destination, f);
                }

                OpenMetricsTextWriter.WriteEof(destination);
                break;
            default:
                foreach (var f in families)
                {
                    ProtobufWriter.WriteFamily(destination, f);
                }

                break;
        }
    }

    private static List<MetricFamily> Build()
    {
        var random = new Random(20240601);
        var families = new List<MetricFamily>();
        string[] modes = ["idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"];

        var cpu = new MetricFamily("node_cpu_seconds_total", MetricType.Counter, "Seconds the CPUs spent in each mode.");
        for (var c = 0; c < 128; c++)
        {
            foreach (var mode in modes)
            {
                cpu.Add(new MetricPoint(Labels.FromStrings("cpu", c.ToString(System.Globalization.CultureInfo.InvariantCulture), "mode", mode), Math.Round(random.NextDouble() * 1e6, 2)));
            }
        }

        families.Add(cpu);

        var disks = Enumerable.Range(0, 48).Select(i => i < 26 ? $"sd{(char)('a' + i)}" : $"nvme{i - 26}n1").ToArray();
        foreach (var name in new[]
        {
            "node_disk_read_bytes_total", "node_disk_written_bytes_total", "node_disk_reads_completed_total",
            "node_disk_writes_completed_total", "node_disk_io_time_seconds_total", "node_disk_read_time_seconds_total",
            "node_disk_write_time_seconds_total", "node_disk_io_time_weighted_seconds_total", "node_disk_discards_completed_total",
            "node_disk_flush_requests_total",
        })
        {
            var f = new MetricFamily(name, MetricType.Counter, $"Disk statistic {name}.");
            foreach (var d in disks)
            {
                f.Add(new MetricPoint(Labels.FromStrings("device", d), Math.Floor(random.NextDouble() * 1e12)));
            }

            families.Add(f);
        }

        var mounts = Enumerable.Range(0, 120).Select(i => (Device: $"/dev/mapper/vg0-lv{i}", Mount: i == 0 ? "/" : $"/var/lib/kubelet/pods/{Guid.NewGuid():N}/volumes/kubernetes.io~csi/pvc-{i}/mount", FsType: i % 3 == 0 ? "xfs" : "ext4")).ToArray();
        foreach (var name in new[] { "node_filesystem_avail_bytes", "node_filesystem_free_bytes", "node_filesystem_size_bytes", "node_filesystem_files", "node_filesystem_files_free", "node_filesystem_readonly", "node_filesystem_device_error" })
        {
            var f = new MetricFamily(name, MetricType.Gauge, $"Filesystem statistic {name}.");
            foreach (var (device, mount, fsType) in mounts)
            {
                f.Add(new MetricPoint(Labels.FromStrings("device", device, "fstype", fsType, "mountpoint", mount), Math.Floor(random.NextDouble() * 1e11)));
            }

            families.Add(f);
        }

        var interfaces = Enumerable.Range(0, 200).Select(i => i == 0 ? "lo" : i < 4 ? $"eth{i - 1}" : $"veth{random.Next():x8}").ToArray();
        foreach (var name in new[] { "node_network_receive_bytes_total", "node_network_transmit_bytes_total", "node_network_receive_packets_total", "node_network_transmit_packets_total", "node_network_receive_errs_total", "node_network_transmit_errs_total", "node_network_receive_drop_total", "node_network_transmit_drop_total", "node_network_up", "node_network_mtu_bytes" })
        {
            var f = new MetricFamily(name, name.EndsWith("_total", StringComparison.Ordinal) ? MetricType.Counter : MetricType.Gauge, $"Network statistic {name}.");
            foreach (var i in interfaces)
            {
                f.Add(new MetricPoint(Labels.FromStrings("device", i), Math.Floor(random.NextDouble() * 1e10)));
            }

            families.Add(f);
        }

        var gc = new MetricFamily("go_gc_duration_seconds", MetricType.Summary, "A summary of the pause duration of garbage collection cycles.");
        var s = new MetricPoint(Labels.Empty) { Count = 18234, Sum = 3.127 };
        foreach (var q in new[] { 0, 0.25, 0.5, 0.75, 1 })
        {
            s.Quantiles.Add(new Quantile(q, random.NextDouble() / 1000));
        }

        families.Add(gc.Add(s));

        double[] bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
        var http = new MetricFamily("http_request_duration_seconds", MetricType.Histogram, "Latency of HTTP requests.");
        foreach (var handler in new[] { "/metrics", "/api/v1/query", "/api/v1/query_range", "/api/v1/series", "/api/v1/labels", "/federate" })
        {
            foreach (var code in new[] { "200", "400", "500" })
            {
                var p = new MetricPoint(Labels.FromStrings("code", code, "handler", handler));
                double cumulative = 0;
                foreach (var b in bounds)
                {
                    cumulative += random.Next(0, 5000);
                    p.Buckets.Add(new ClassicBucket(b, cumulative));
                }

                p.Buckets.Add(new ClassicBucket(double.PositiveInfinity, cumulative));
                p.Count = cumulative;
                p.Sum = cumulative * 0.042;
                http.Add(p);
            }
        }

        families.Add(http);

        // Pad with per-collector gauges to reach about 10k samples, as node_exporter's long tail does.
        var scrape = new MetricFamily("node_hwmon_temp_celsius", MetricType.Gauge, "Hardware monitor for temperature (input).");
        var target = 10_000 - families.Sum(f => f.Type switch
        {
            MetricType.Histogram => f.Points.Count * 14,
            MetricType.Summary => f.Points.Count * 7,
            _ => f.Points.Count,
        });
        for (var i = 0; i < target; i++)
        {
            scrape.Add(new MetricPoint(Labels.FromStrings("chip", $"platform_coretemp_{i / 64}", "sensor", $"temp{i % 64}"), 30 + Math.Round(random.NextDouble() * 40, 1)));
        }

        families.Add(scrape);
        return families;
    }
}
