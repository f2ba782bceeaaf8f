using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary>
/// <c>edac</c>: correctable and uncorrectable memory errors per memory controller and chip-select row from
/// <c>/sys/devices/system/edac/mc</c>.
/// </summary>
internal sealed class EdacCollector(NodePaths paths) : INodeCollector
{
    public string Name => "edac";

    public void Update(MetricBatch batch)
    {
        var root = paths.Sys("devices/system/edac/mc");
        if (!Directory.Exists(root))
        {
            return;
        }

        var controllers = Directory.GetDirectories(root, "mc*");
        Array.Sort(controllers, StringComparer.Ordinal);
        foreach (var dir in controllers)
        {
            var controller = Path.GetFileName(dir)[2..];
            if (controller.Length == 0 || !controller.All(char.IsAsciiDigit))
            {
                continue;
            }

            batch.Counter("node_edac_correctable_errors_total", "Total correctable memory errors.", ProcFile.ReadDouble(Path.Join(dir, "ce_count")), ("controller", controller));
            batch.Counter("node_edac_uncorrectable_errors_total", "Total uncorrectable memory errors.", ProcFile.ReadDouble(Path.Join(dir, "ue_count")), ("controller", controller));
            batch.Counter("node_edac_csrow_correctable_errors_total", "Total correctable memory errors for this csrow.", ProcFile.ReadDouble(Path.Join(dir, "ce_noinfo_count")), ("controller", controller), ("csrow", "unknown"));
            batch.Counter("node_edac_csrow_uncorrectable_errors_total", "Total uncorrectable memory errors for this csrow.", ProcFile.ReadDouble(Path.Join(dir, "ue_noinfo_count")), ("controller", controller), ("csrow", "unknown"));

            var rows = Directory.GetDirectories(dir, "csrow*");
            Array.Sort(rows, StringComparer.Ordinal);
            foreach (var rowDir in rows)
            {
                var row = Path.GetFileName(rowDir)[5..];
                batch.Counter("node_edac_csrow_correctable_errors_total", "Total correctable memory errors for this csrow.", ProcFile.ReadDouble(Path.Join(rowDir, "ce_count")), ("controller", controller), ("csrow", row));
                batch.Counter("node_edac_csrow_uncorrectable_errors_total", "Total uncorrectable memory errors for this csrow.", ProcFile.ReadDouble(Path.Join(rowDir, "ue_count")), ("controller", controller), ("csrow", row));
            }
        }
    }
}
