using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary>
/// <c>pressure</c>: pressure stall information from <c>/proc/pressure/{cpu,io,memory}</c>: the <c>total</c>
/// microseconds of the <c>some</c> line as "waiting" and of the <c>full</c> line as "stalled" (not for cpu).
/// </summary>
internal sealed class PressureCollector(NodePaths paths) : INodeCollector
{
    private static readonly (string Resource, string WaitingHelp, string? StalledHelp)[] Resources =
    [
        ("cpu", "Total time in seconds that processes have waited for CPU time", null),
        ("io", "Total time in seconds that processes have waited due to IO congestion", "Total time in seconds no process could make progress due to IO congestion"),
        ("memory", "Total time in seconds that processes have waited for memory", "Total time in seconds no process could make progress due to memory congestion"),
    ];

    public string Name => "pressure";

    public void Update(MetricBatch batch)
    {
        foreach (var (resource, waitingHelp, stalledHelp) in Resources)
        {
            var path = paths.Proc("pressure/" + resource);
            if (!ProcFile.TryRead(path, out var data))
            {
                throw NodeCollectorException.Missing($"pressure information is unavailable ({path}); it needs Linux 4.20+ with CONFIG_PSI");
            }

            double? some = null, full = null;
            var lines = new LineReader(data);
            while (lines.TryRead(out var line))
            {
                var fields = new FieldReader(line);
                if (!fields.TryRead(out var kind))
                {
                    continue;
                }

                var total = ReadTotal(ref fields, path);
                if (kind.SequenceEqual("some"u8))
                {
                    some = total;
                }
                else if (kind.SequenceEqual("full"u8))
                {
                    full = total;
                }
            }

            if (some is null)
            {
                throw new NodeCollectorException($"{path}: no 'some' line");
            }

            batch.Counter($"node_pressure_{resource}_waiting_seconds_total", waitingHelp, some.Value / 1e6);
            if (stalledHelp is not null && full is not null)
            {
                batch.Counter($"node_pressure_{resource}_stalled_seconds_total", stalledHelp, full.Value / 1e6);
            }
        }
    }

    private static double ReadTotal(ref FieldReader fields, string path)
    {
        while (fields.TryRead(out var field))
        {
            if (field.StartsWith("total="u8))
            {
                return Ascii.ParseDouble(field[6..], path);
            }
        }

        throw new NodeCollectorException($"{path}: line without total=");
    }
}
