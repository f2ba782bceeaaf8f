using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary><c>entropy</c>: the kernel entropy pool from <c>/proc/sys/kernel/random</c>.</summary>
internal sealed class EntropyCollector(NodePaths paths) : INodeCollector
{
    public string Name => "entropy";

    public void Update(MetricBatch batch)
    {
        batch.Gauge("node_entropy_available_bits", "Bits of available entropy.", ProcFile.ReadDouble(paths.Proc("sys/kernel/random/entropy_avail")));
        batch.Gauge("node_entropy_pool_size_bits", "Bits of entropy pool.", ProcFile.ReadDouble(paths.Proc("sys/kernel/random/poolsize")));
    }
}
