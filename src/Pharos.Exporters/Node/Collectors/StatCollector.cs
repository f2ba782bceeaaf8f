using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary><c>stat</c>: context switches, forks, interrupts, boot time and process states from <c>/proc/stat</c>.</summary>
internal sealed class StatCollector(NodePaths paths) : INodeCollector
{
    public string Name => "stat";

    public void Update(MetricBatch batch)
    {
        var path = paths.Proc("stat");
        double? intr = null, ctxt = null, btime = null, forks = null, running = null, blocked = null;
        var lines = new LineReader(ProcFile.Read(path));
        while (lines.TryRead(out var line))
        {
            var fields = new FieldReader(line);
            if (!fields.TryRead(out var key) || !fields.TryRead(out var first))
            {
                continue;
            }

            if (key.SequenceEqual("intr"u8))
            {
                intr = Ascii.ParseDouble(first, path);
            }
            else if (key.SequenceEqual("ctxt"u8))
            {
                ctxt = Ascii.ParseDouble(first, path);
            }
            else if (key.SequenceEqual("btime"u8))
            {
                btime = Ascii.ParseDouble(first, path);
            }
            else if (key.SequenceEqual("processes"u8))
            {
                forks = Ascii.ParseDouble(first, path);
            }
            else if (key.SequenceEqual("procs_running"u8))
            {
                running = Ascii.ParseDouble(first, path);
            }
            else if (key.SequenceEqual("procs_blocked"u8))
            {
                blocked = Ascii.ParseDouble(first, path);
            }
        }

        if (intr is null || ctxt is null || btime is null || forks is null)
        {
            throw new NodeCollectorException($"{path}: missing one of intr, ctxt, btime, processes");
        }

        batch.Counter("node_intr_total", "Total number of interrupts serviced.", intr.Value);
        batch.Counter("node_context_switches_total", "Total number of context switches.", ctxt.Value);
        batch.Counter("node_forks_total", "Total number of forks.", forks.Value);
        batch.Gauge("node_boot_time_seconds", "Node boot time, in unixtime.", btime.Value);
        batch.Gauge("node_procs_running", "Number of processes in runnable state.", running ?? 0);
        batch.Gauge("node_procs_blocked", "Number of processes blocked waiting for I/O to complete.", blocked ?? 0);
    }
}
