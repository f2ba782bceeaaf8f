using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary>
/// <c>netstat</c>: protocol counters from <c>/proc/net/netstat</c> and <c>/proc/net/snmp</c> (header/value line
/// pairs) and <c>/proc/net/snmp6</c> (name/value lines) as untyped <c>node_netstat_PROTOCOL_FIELD</c>, filtered by
/// <c>--collector.netstat.fields</c>.
/// </summary>
internal sealed class NetstatCollector(NodeCollectorOptions options) : INodeCollector
{
    public string Name => "netstat";

    public void Update(MetricBatch batch)
    {
        var stats = new SortedDictionary<string, (string Protocol, string Field, double Value)>(StringComparer.Ordinal);
        ReadPairs(options.Paths.Proc("net/netstat"), stats);
        ReadPairs(options.Paths.Proc("net/snmp"), stats);
        var snmp6 = options.Paths.Proc("net/snmp6");
        if (ProcFile.TryRead(snmp6, out var data))
        {
            ReadSnmp6(data, snmp6, stats);
        }

        foreach (var (key, (protocol, field, value)) in stats)
        {
            if (options.NetstatFields.IsMatch(key))
            {
                batch.Untyped("node_netstat_" + key, $"Statistic {protocol}{field}.", value);
            }
        }
    }

    private static void ReadPairs(string path, SortedDictionary<string, (string, string, double)> stats)
    {
        var lines = new LineReader(ProcFile.Read(path));
        while (lines.TryRead(out var names))
        {
            if (names.IsEmpty)
            {
                continue;
            }

            if (!lines.TryRead(out var values))
            {
                throw new NodeCollectorException($"{path}: header without values");
            }

            var nameFields = new FieldReader(names);
            var valueFields = new FieldReader(values);
            if (!nameFields.TryRead(out var protocolName) || !valueFields.TryRead(out var protocolValue) ||
                !protocolName.SequenceEqual(protocolValue) || protocolName[^1] != (byte)':')
            {
                throw new NodeCollectorException($"{path}: mismatched header and value lines");
            }

            var protocol = Ascii.ToString(protocolName[..^1]);
            while (nameFields.TryRead(out var name))
            {
                if (!valueFields.TryRead(out var value))
                {
                    throw new NodeCollectorException($"{path}: {protocol} has fewer values than names");
                }

                var field = Ascii.ToString(name);
                stats[protocol + "_" + field] = (protocol, field, Ascii.ParseDouble(value, path));
            }
        }
    }

    private static void ReadSnmp6(ReadOnlySpan<byte> data, string path, SortedDictionary<string, (string, string, double)> stats)
    {
        var lines = new LineReader(data);
        while (lines.TryRead(out var line))
        {
            var fields = new FieldReader(line);
            if (!fields.TryRead(out var key) || !fields.TryRead(out var value))
            {
                continue;
            }

            // Ip6InReceives → Ip6 / InReceives; the protocol ends at the first '6'.
            var six = key.IndexOf((byte)'6');
            if (six < 0)
            {
                continue;
            }

            var protocol = Ascii.ToString(key[..(six + 1)]);
            var field = Ascii.ToString(key[(six + 1)..]);
            stats[protocol + "_" + field] = (protocol, field, Ascii.ParseDouble(value, path));
        }
    }
}
