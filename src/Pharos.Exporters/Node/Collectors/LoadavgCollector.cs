using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary><c>loadavg</c>: the 1, 5 and 15 minute load averages from <c>/proc/loadavg</c>.</summary>
internal sealed class LoadavgCollector(NodePaths paths) : INodeCollector
{
    public string Name => "loadavg";

    public void Update(MetricBatch batch)
    {
        var path = paths.Proc("loadavg");
        var fields = new FieldReader(ProcFile.Read(path));
        Span<double> loads = stackalloc double[3];
        for (var i = 0; i < loads.Length; i++)
        {
            if (!fields.TryRead(out var field))
            {
                throw new NodeCollectorException($"{path}: expected three load averages");
            }

            loads[i] = Ascii.ParseDouble(field, path);
        }

        batch.Gauge("node_load1", "1m load average.", loads[0]);
        batch.Gauge("node_load5", "5m load average.", loads[1]);
        batch.Gauge("node_load15", "15m load average.", loads[2]);
    }
}
