using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary><c>filefd</c>: allocated and maximum file handles from <c>/proc/sys/fs/file-nr</c>.</summary>
internal sealed class FilefdCollector(NodePaths paths) : INodeCollector
{
    public string Name => "filefd";

    public void Update(MetricBatch batch)
    {
        var path = paths.Proc("sys/fs/file-nr");
        var fields = new FieldReader(ProcFile.Read(path));
        if (!fields.TryRead(out var allocated) || !fields.TryRead(out _) || !fields.TryRead(out var maximum))
        {
            throw new NodeCollectorException($"{path}: expected three fields");
        }

        batch.Gauge("node_filefd_allocated", "File descriptor statistics: allocated.", Ascii.ParseDouble(allocated, path));
        batch.Gauge("node_filefd_maximum", "File descriptor statistics: maximum.", Ascii.ParseDouble(maximum, path));
    }
}
