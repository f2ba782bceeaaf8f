using Pharos.Exporters.Node.Native;

namespace Pharos.Exporters.Node.Collectors;

/// <summary><c>uname</c>: the <c>uname(2)</c> fields as labels of <c>node_uname_info</c>.</summary>
internal sealed class UnameCollector : INodeCollector
{
    public string Name => "uname";

    public void Update(MetricBatch batch)
    {
        var u = LibC.Uname();
        batch.Gauge(
            "node_uname_info",
            "Labeled system information as provided by the uname system call.",
            1,
            ("sysname", u[0]),
            ("release", u[2]),
            ("version", u[3]),
            ("machine", u[4]),
            ("nodename", u[1]),
            ("domainname", u[5]));
    }
}
