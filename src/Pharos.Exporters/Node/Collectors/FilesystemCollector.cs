using Pharos.Exporters.Node.Native;
using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary>
/// <c>filesystem</c>: size, free and available bytes and inodes of each mounted file system listed in
/// <c>/proc/1/mounts</c> (or <c>/proc/mounts</c>), skipping upstream's excluded mount points and types. A
/// <c>statfs</c> failure sets <c>node_filesystem_device_error</c> for that mount only.
/// </summary>
internal sealed class FilesystemCollector(NodeCollectorOptions options) : INodeCollector
{
    public string Name => "filesystem";

    public void Update(MetricBatch batch)
    {
        var paths = options.Paths;
        if (!ProcFile.TryRead(paths.Proc("1/mounts"), out var data))
        {
            data = ProcFile.Read(paths.Proc("mounts"));
        }

        var seen = new HashSet<(string, string)>();
        var lines = new LineReader(data);
        while (lines.TryRead(out var line))
        {
            var fields = new FieldReader(line);
            if (!fields.TryRead(out var deviceField))
            {
                continue;
            }

            if (!fields.TryRead(out var mountField) || !fields.TryRead(out var typeField) || !fields.TryRead(out var optionsField))
            {
                throw new NodeCollectorException($"{paths.Proc("mounts")}: malformed line '{Ascii.ToString(line)}'");
            }

            var mountPoint = paths.StripRoot(Unescape(Ascii.ToString(mountField)));
            var fsType = Ascii.ToString(typeField);
            if (options.MountPointsExclude.IsMatch(mountPoint) || options.FsTypesExclude.IsMatch(fsType))
            {
                continue;
            }

            var device = Unescape(Ascii.ToString(deviceField));
            if (!seen.Add((device, mountPoint)))
            {
                continue;
            }

            var readOnly = IsReadOnly(optionsField);
            (string, string)[] labels = [("device", device), ("fstype", fsType), ("mountpoint", mountPoint)];
            if (!LibC.TryStatFs(paths.Root(mountPoint), out var stat, out _))
            {
                batch.Gauge("node_filesystem_device_error", "Whether an error occurred while getting statistics for the given device.", 1, labels);
                continue;
            }

            double blockSize = stat.BlockSize;
            batch.Gauge("node_filesystem_size_bytes", "Filesystem size in bytes.", stat.Blocks * blockSize, labels);
            batch.Gauge("node_filesystem_free_bytes", "Filesystem free space in bytes.", stat.BlocksFree * blockSize, labels);
            batch.Gauge("node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes.", stat.BlocksAvailable * blockSize, labels);
            batch.Gauge("node_filesystem_files", "Filesystem total file nodes.", stat.Files, labels);
            batch.Gauge("node_filesystem_files_free", "Filesystem total free file nodes.", stat.FilesFree, labels);
            batch.Gauge("node_filesystem_readonly", "Filesystem read-only status.", readOnly ? 1 : 0, labels);
            batch.Gauge("node_filesystem_device_error", "Whether an error occurred while getting statistics for the given device.", 0, labels);
        }
    }

    private static bool IsReadOnly(ReadOnlySpan<byte> mountOptions)
    {
        foreach (var range in mountOptions.Split((byte)','))
        {
            if (mountOptions[range].SequenceEqual("ro"u8))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Decodes the octal escapes the kernel writes for blanks and backslashes (<c>\040</c>).</summary>
    internal static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 3 < value.Length && IsOctal(value[i + 1]) && IsOctal(value[i + 2]) && IsOctal(value[i + 3]))
            {
                builder.Append((char)(((value[i + 1] - '0') << 6) | ((value[i + 2] - '0') << 3) | (value[i + 3] - '0')));
                i += 3;
            }
            else
            {
                builder.Append(value[i]);
            }
        }

        return builder.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
