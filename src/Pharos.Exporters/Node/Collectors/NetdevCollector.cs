using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary>
/// <c>netdev</c>: per-interface counters from <c>/proc/net/dev</c> as
/// <c>node_network_{receive,transmit}_FIELD_total</c>, field names taken from the file's header as upstream does,
/// plus <c>receive_nohandler</c> from sysfs (upstream reads it over netlink).
/// </summary>
internal sealed class NetdevCollector(NodeCollectorOptions options) : INodeCollector
{
    public string Name => "netdev";

    public void Update(MetricBatch batch)
    {
        var path = options.Paths.Proc("net/dev");
        var lines = new LineReader(ProcFile.Read(path));
        if (!lines.TryRead(out _) || !lines.TryRead(out var header))
        {
            throw new NodeCollectorException($"{path}: missing header");
        }

        var sections = Ascii.ToString(header).Split('|');
        if (sections.Length < 3)
        {
            throw new NodeCollectorException($"{path}: malformed header");
        }

        var receive = sections[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var transmit = sections[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var names = new string[receive.Length + transmit.Length];
        for (var i = 0; i < receive.Length; i++)
        {
            names[i] = "receive_" + receive[i];
        }

        for (var i = 0; i < transmit.Length; i++)
        {
            names[receive.Length + i] = "transmit_" + transmit[i];
        }

        var rows = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        while (lines.TryRead(out var line))
        {
            var colon = line.IndexOf((byte)':');
            if (colon < 0)
            {
                continue;
            }

            var device = Ascii.ToString(Ascii.Trim(line[..colon]));
            if (NodeCollectorOptions.IsFiltered(device, options.NetdevDeviceInclude, options.NetdevDeviceExclude))
            {
                continue;
            }

            var values = new double[names.Length];
            var fields = new FieldReader(line[(colon + 1)..]);
            for (var i = 0; i < values.Length; i++)
            {
                if (!fields.TryRead(out var field))
                {
                    throw new NodeCollectorException($"{path}: too few fields for {device}");
                }

                values[i] = Ascii.ParseDouble(field, path);
            }

            rows[device] = values;
        }

        for (var i = 0; i < names.Length; i++)
        {
            var metric = $"node_network_{names[i]}_total";
            var help = $"Network device statistic {names[i]}.";
            foreach (var (device, values) in rows)
            {
                batch.Counter(metric, help, values[i], ("device", device));
            }
        }

        foreach (var device in rows.Keys)
        {
            if (ProcFile.TryReadDouble(options.Paths.Sys($"class/net/{device}/statistics/rx_nohandler"), out var nohandler))
            {
                batch.Counter("node_network_receive_nohandler_total", "Network device statistic receive_nohandler.", nohandler, ("device", device));
            }
        }
    }
}
