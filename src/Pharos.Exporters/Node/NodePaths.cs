namespace Pharos.Exporters.Node;

/// <summary>
/// The <c>--path.procfs</c>, <c>--path.sysfs</c>, <c>--path.rootfs</c> and <c>--path.udev.data</c> roots, and the
/// joins every collector uses, so a DaemonSet with the host mounted under <c>/host</c> reads the host's files.
/// </summary>
/// <param name="ProcFs">The procfs mount point, <c>/proc</c> by default.</param>
/// <param name="SysFs">The sysfs mount point, <c>/sys</c> by default.</param>
/// <param name="RootFs">The root file system, <c>/</c> by default.</param>
/// <param name="UdevData">The udev database directory, <c>/run/udev/data</c> by default.</param>
public sealed record NodePaths(string ProcFs = "/proc", string SysFs = "/sys", string RootFs = "/", string UdevData = "/run/udev/data")
{
    /// <summary>A path under procfs.</summary>
    /// <param name="relative">The path relative to the procfs root, e.g. <c>net/dev</c>.</param>
    /// <returns>The absolute path.</returns>
    public string Proc(string relative) => Path.Join(ProcFs, relative);

    /// <summary>A path under sysfs.</summary>
    /// <param name="relative">The path relative to the sysfs root, e.g. <c>class/hwmon</c>.</param>
    /// <returns>The absolute path.</returns>
    public string Sys(string relative) => Path.Join(SysFs, relative);

    /// <summary>A path under the root file system.</summary>
    /// <param name="relative">The path relative to <c>/</c>.</param>
    /// <returns>The absolute path.</returns>
    public string Root(string relative) => Path.Join(RootFs, relative);

    /// <summary>
    /// A mount point as seen inside the root file system: <c>/host/var</c> becomes <c>/var</c> when the rootfs is
    /// <c>/host</c>, as upstream strips the prefix from the <c>mountpoint</c> label.
    /// </summary>
    /// <param name="mountPoint">The mount point as listed in the mounts file.</param>
    /// <returns>The mount point relative to the root file system.</returns>
    public string StripRoot(string mountPoint)
    {
        if (RootFs is "/" or "")
        {
            return mountPoint;
        }

        var root = RootFs.TrimEnd('/');
        if (mountPoint == root)
        {
            return "/";
        }

        return mountPoint.StartsWith(root + "/", StringComparison.Ordinal) ? mountPoint[root.Length..] : mountPoint;
    }
}
