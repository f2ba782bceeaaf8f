using System.Text.RegularExpressions;

namespace Pharos.Exporters.Node;

/// <summary>The collector settings taken from node-exporter flags; defaults are upstream's.</summary>
public sealed record NodeCollectorOptions
{
    /// <summary>Upstream's <c>--collector.filesystem.mount-points-exclude</c> default.</summary>
    public const string DefaultMountPointsExclude =
        "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)";

    /// <summary>Upstream's <c>--collector.filesystem.fs-types-exclude</c> default.</summary>
    public const string DefaultFsTypesExclude =
        "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs)$";

    /// <summary>Upstream's <c>--collector.diskstats.device-exclude</c> default.</summary>
    public const string DefaultDiskstatsDeviceExclude = @"^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\d+n\d+p)\d+$";

    /// <summary>Upstream's <c>--collector.netdev.device-exclude</c> default (none; loopback is kept).</summary>
    public const string DefaultNetdevDeviceExclude = "";

    /// <summary>Upstream's <c>--collector.netstat.fields</c> default.</summary>
    public const string DefaultNetstatFields =
        "^(.*_(InErrors|InErrs)|Ip_Forwarding|Ip(6|Ext)_(InOctets|OutOctets)|Icmp6?_(InMsgs|OutMsgs)|TcpExt_(Listen.*|Syncookies.*|TCPSynRetrans|TCPTimeouts|TCPOFOQueue|TCPRcvQDrop)|Tcp_(ActiveOpens|InSegs|OutSegs|OutRsts|PassiveOpens|RetransSegs|CurrEstab)|Udp6?_(InDatagrams|OutDatagrams|NoPorts|RcvbufErrors|SndbufErrors))$";

    /// <summary>Upstream's <c>--collector.vmstat.fields</c> default.</summary>
    public const string DefaultVmstatFields = "^(oom_kill|pgpg|pswp|pg.*fault).*";

    /// <summary>The file-system roots.</summary>
    public NodePaths Paths { get; init; } = new();

    /// <summary><c>--collector.cpu.guest</c>: expose <c>node_cpu_guest_seconds_total</c>.</summary>
    public bool CpuGuest { get; init; } = true;

    /// <summary><c>--collector.cpu.info</c>: expose <c>node_cpu_info</c>.</summary>
    public bool CpuInfo { get; init; }

    /// <summary><c>--collector.cpu.info.flags-include</c>: flags exposed as <c>node_cpu_flag_info</c>.</summary>
    public Regex? CpuFlagsInclude { get; init; }

    /// <summary><c>--collector.cpu.info.bugs-include</c>: bugs exposed as <c>node_cpu_bug_info</c>.</summary>
    public Regex? CpuBugsInclude { get; init; }

    /// <summary>Mount points the filesystem collector skips.</summary>
    public Regex MountPointsExclude { get; init; } = new(DefaultMountPointsExclude, RegexOptions.CultureInvariant);

    /// <summary>File-system types the filesystem collector skips.</summary>
    public Regex FsTypesExclude { get; init; } = new(DefaultFsTypesExclude, RegexOptions.CultureInvariant);

    /// <summary>Block devices the diskstats collector skips (unless an include is set).</summary>
    public Regex? DiskstatsDeviceExclude { get; init; } = new(DefaultDiskstatsDeviceExclude, RegexOptions.CultureInvariant);

    /// <summary>Block devices the diskstats collector keeps; overrides the exclude.</summary>
    public Regex? DiskstatsDeviceInclude { get; init; }

    /// <summary>Network devices the netdev collector skips (unless an include is set).</summary>
    public Regex? NetdevDeviceExclude { get; init; }

    /// <summary>Network devices the netdev collector keeps; overrides the exclude.</summary>
    public Regex? NetdevDeviceInclude { get; init; }

    /// <summary>The <c>Protocol_Field</c> names the netstat collector exposes.</summary>
    public Regex NetstatFields { get; init; } = new(DefaultNetstatFields, RegexOptions.CultureInvariant);

    /// <summary>The <c>/proc/vmstat</c> fields the vmstat collector exposes.</summary>
    public Regex VmstatFields { get; init; } = new(DefaultVmstatFields, RegexOptions.CultureInvariant);

    /// <summary><c>--collector.textfile.directory</c>; empty disables reading files.</summary>
    public string TextfileDirectory { get; init; } = string.Empty;

    /// <summary>The clock for <c>node_time_seconds</c>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Whether a device passes an include/exclude pair as upstream's device filter decides.</summary>
    /// <param name="device">The device name.</param>
    /// <param name="include">The include pattern, or null.</param>
    /// <param name="exclude">The exclude pattern, or null.</param>
    /// <returns>True to skip the device.</returns>
    public static bool IsFiltered(string device, Regex? include, Regex? exclude) =>
        include is not null ? !include.IsMatch(device) : exclude is not null && exclude.IsMatch(device);
}
