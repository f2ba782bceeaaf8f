using System.Globalization;
using System.Text.RegularExpressions;
using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary>
/// <c>mdadm</c>: software RAID arrays from <c>/proc/mdstat</c>: state (one series per possible state, 1 for the
/// current one), member disks by state, required disks, size in blocks and blocks synced during a rebuild.
/// </summary>
internal sealed partial class MdadmCollector(NodePaths paths) : INodeCollector
{
    private static readonly string[] States = ["active", "inactive", "recovering", "resync", "check"];

    public string Name => "mdadm";

    public void Update(MetricBatch batch)
    {
        var path = paths.Proc("mdstat");
        if (!ProcFile.TryRead(path, out var data))
        {
            throw NodeCollectorException.Missing($"{path} does not exist (no md arrays)");
        }

        var lines = Ascii.ToString(data).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var header = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (header.Length < 3 || !header[0].StartsWith("md", StringComparison.Ordinal) || header[1] != ":")
            {
                continue;
            }

            if (i + 1 >= lines.Length)
            {
                throw new NodeCollectorException($"{path}: {header[0]} has no status line");
            }

            var array = Parse(header, lines[i + 1], i + 2 < lines.Length ? lines[i + 2] : string.Empty, path);
            Add(batch, array);
        }
    }

    private static MdArray Parse(string[] header, string status, string progress, string path)
    {
        var device = header[0];
        var state = header[2];
        int failed = 0, spare = 0, members = 0;
        for (var j = 3; j < header.Length; j++)
        {
            var token = header[j];
            if (!token.Contains('[', StringComparison.Ordinal))
            {
                continue;
            }

            members++;
            if (token.EndsWith("(F)", StringComparison.Ordinal))
            {
                failed++;
            }
            else if (token.EndsWith("(S)", StringComparison.Ordinal))
            {
                spare++;
            }
        }

        var blocksMatch = BlocksPattern().Match(status);
        if (!blocksMatch.Success)
        {
            throw new NodeCollectorException($"{path}: {device} status line has no block count: '{status.Trim()}'");
        }

        var blocks = double.Parse(blocksMatch.Groups[1].Value, CultureInfo.InvariantCulture);
        var counts = DiskCountPattern().Match(status);
        double required, active;
        if (counts.Success)
        {
            required = double.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture);
            active = double.Parse(counts.Groups[2].Value, CultureInfo.InvariantCulture);
        }
        else
        {
            required = members;
            active = state == "inactive" ? 0 : members - failed - spare;
        }

        var synced = blocks;
        var sync = SyncPattern().Match(progress);
        if (sync.Success)
        {
            synced = double.Parse(sync.Groups[2].Value, CultureInfo.InvariantCulture);
            state = sync.Groups[1].Value switch
            {
                "recovery" => "recovering",
                "resync" => "resync",
                _ => "check",
            };
        }
        else if (state != "inactive")
        {
            state = "active";
        }

        return new MdArray(device, state, active, failed, spare, required, blocks, synced);
    }

    private static void Add(MetricBatch batch, MdArray a)
    {
        foreach (var state in States)
        {
            batch.Gauge("node_md_state", "Indicates the state of md-device.", state == a.State ? 1 : 0, ("device", a.Device), ("state", state));
        }

        const string DisksHelp = "Number of active/failed/spare disks of device.";
        batch.Gauge("node_md_disks", DisksHelp, a.Active, ("device", a.Device), ("state", "active"));
        batch.Gauge("node_md_disks", DisksHelp, a.Failed, ("device", a.Device), ("state", "failed"));
        batch.Gauge("node_md_disks", DisksHelp, a.Spare, ("device", a.Device), ("state", "spare"));
        batch.Gauge("node_md_disks_required", "Total number of disks of device.", a.Required, ("device", a.Device));
        batch.Gauge("node_md_blocks", "Total number of blocks on device.", a.Blocks, ("device", a.Device));
        batch.Gauge("node_md_blocks_synced", "Number of blocks synced on device.", a.Synced, ("device", a.Device));
    }

    [GeneratedRegex(@"^\s*(\d+) blocks")]
    private static partial Regex BlocksPattern();

    [GeneratedRegex(@"\[(\d+)/(\d+)\]")]
    private static partial Regex DiskCountPattern();

    [GeneratedRegex(@"(recovery|resync|check)\s*=\s*[\d.]+%\s*\((\d+)/\d+\)")]
    private static partial Regex SyncPattern();

    private readonly record struct MdArray(string Device, string State, double Active, double Failed, double Spare, double Required, double Blocks, double Synced);
}
