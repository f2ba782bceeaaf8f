using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary><c>vmstat</c>: the <c>/proc/vmstat</c> fields matching <c>--collector.vmstat.fields</c>, untyped.</summary>
internal sealed class VmstatCollector(NodeCollectorOptions options) : INodeCollector
{
    public string Name => "vmstat";

    public void Update(MetricBatch batch)
    {
        var path = options.Paths.Proc("vmstat");
        var lines = new LineReader(ProcFile.Read(path));
        while (lines.TryRead(out var line))
        {
            var fields = new FieldReader(line);
            if (!fields.TryRead(out var key))
            {
                continue;
            }

            if (!fields.TryRead(out var value))
            {
                throw new NodeCollectorException($"{path}: malformed line '{Ascii.ToString(line)}'");
            }

            var name = Ascii.ToString(key);
            if (options.VmstatFields.IsMatch(name))
            {
                batch.Untyped("node_vmstat_" + name, $"/proc/vmstat information field {name}.", Ascii.ParseDouble(value, path));
            }
        }
    }
}
