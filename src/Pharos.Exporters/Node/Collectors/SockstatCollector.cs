using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary>
/// <c>sockstat</c>: socket counts per protocol and state from <c>/proc/net/sockstat</c> and <c>sockstat6</c>;
/// <c>mem</c> (pages) is also reported as <c>mem_bytes</c>.
/// </summary>
internal sealed class SockstatCollector(NodePaths paths) : INodeCollector
{
    public string Name => "sockstat";

    public void Update(MetricBatch batch)
    {
        var entries = new List<(string Name, string Help, double Value)>();
        Read(paths.Proc("net/sockstat"), entries, required: true);
        Read(paths.Proc("net/sockstat6"), entries, required: false);
        foreach (var (name, help, value) in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            batch.Gauge(name, help, value);
        }
    }

    private static void Read(string path, List<(string, string, double)> entries, bool required)
    {
        byte[] data;
        if (required)
        {
            data = ProcFile.Read(path);
        }
        else if (!ProcFile.TryRead(path, out data))
        {
            return;
        }

        var lines = new LineReader(data);
        while (lines.TryRead(out var line))
        {
            var fields = new FieldReader(line);
            if (!fields.TryRead(out var protocolField))
            {
                continue;
            }

            if (protocolField[^1] != (byte)':')
            {
                throw new NodeCollectorException($"{path}: malformed line '{Ascii.ToString(line)}'");
            }

            var protocol = Ascii.ToString(protocolField[..^1]);
            while (fields.TryRead(out var state))
            {
                if (!fields.TryRead(out var number))
                {
                    throw new NodeCollectorException($"{path}: {protocol} has an odd number of fields");
                }

                var value = Ascii.ParseDouble(number, path);
                var stateName = Ascii.ToString(state);
                if (protocol == "sockets")
                {
                    if (stateName == "used")
                    {
                        entries.Add(("node_sockstat_sockets_used", "Number of IPv4 sockets in use.", value));
                    }

                    continue;
                }

                entries.Add(($"node_sockstat_{protocol}_{stateName}", $"Number of {protocol} sockets in state {stateName}.", value));
                if (stateName == "mem")
                {
                    entries.Add(($"node_sockstat_{protocol}_mem_bytes", $"Number of {protocol} sockets in state mem_bytes.", value * Environment.SystemPageSize));
                }
            }
        }
    }
}
