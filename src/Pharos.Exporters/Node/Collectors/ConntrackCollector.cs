using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary>
/// <c>conntrack</c>: connection-tracking table usage from <c>/proc/sys/net/netfilter</c> and the per-CPU
/// statistics of <c>/proc/net/stat/nf_conntrack</c> (hexadecimal, summed over CPUs).
/// </summary>
internal sealed class ConntrackCollector(NodePaths paths) : INodeCollector
{
    private static readonly (string Column, string Help)[] StatColumns =
    [
        ("found", "Number of searched entries which were successful."),
        ("invalid", "Number of packets seen which can not be tracked."),
        ("ignore", "Number of packets seen which are already connected to a conntrack entry."),
        ("insert", "Number of entries inserted into the list."),
        ("insert_failed", "Number of entries for which list insertion was attempted but failed."),
        ("drop", "Number of packets dropped due to conntrack failure."),
        ("early_drop", "Number of dropped conntrack entries to make room for new ones, if maximum table size was reached."),
        ("search_restart", "Number of conntrack table lookups which had to be restarted due to hashtable resizes."),
    ];

    public string Name => "conntrack";

    public void Update(MetricBatch batch)
    {
        var countPath = paths.Proc("sys/net/netfilter/nf_conntrack_count");
        if (!File.Exists(countPath))
        {
            throw NodeCollectorException.Missing("conntrack: no nf_conntrack_count (module not loaded)");
        }

        batch.Gauge("node_nf_conntrack_entries", "Number of currently allocated flow entries for connection tracking.", ProcFile.ReadDouble(countPath));
        batch.Gauge("node_nf_conntrack_entries_limit", "Maximum size of connection tracking table.", ProcFile.ReadDouble(paths.Proc("sys/net/netfilter/nf_conntrack_max")));

        var statPath = paths.Proc("net/stat/nf_conntrack");
        if (!ProcFile.TryRead(statPath, out var data))
        {
            return;
        }

        var lines = new LineReader(data);
        if (!lines.TryRead(out var header))
        {
            return;
        }

        var columns = Ascii.ToString(header).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var sums = new double[columns.Length];
        while (lines.TryRead(out var line))
        {
            var fields = new FieldReader(line);
            for (var i = 0; i < columns.Length && fields.TryRead(out var field); i++)
            {
                sums[i] += Ascii.TryParseHex(field, out var value)
                    ? value
                    : throw new NodeCollectorException($"{statPath}: invalid hex value '{Ascii.ToString(field)}'");
            }
        }

        foreach (var (column, help) in StatColumns)
        {
            var index = Array.IndexOf(columns, column);
            if (index >= 0)
            {
                batch.Gauge("node_nf_conntrack_stat_" + column, help, sums[index]);
            }
        }
    }
}
