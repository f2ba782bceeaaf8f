using System.Runtime.InteropServices;

namespace Pharos.Tsdb.Block;

/// <summary>
/// The two file-system calls .NET lacks: fsync of a directory, so creations and renames inside it survive a power
/// loss (upstream's <c>fileutil.Fsync</c> on a directory handle), and hard links (for snapshots). Both call libc.
/// </summary>
internal static class NativeFileSystem
{
    private const int ReadOnly = 0;
    private const int DirectoryFlag = 0x10000; // O_DIRECTORY on Linux

    /// <summary>Syncs the directory; a no-op off Linux. Failures are ignored (the data is written, only its durability on power loss is weaker).</summary>
    public static void Sync(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(directory, ReadOnly | DirectoryFlag);
        if (fd < 0)
        {
            return;
        }

        _ = Fsync(fd);
        _ = Close(fd);
    }

    /// <summary>Creates a hard link; false when the platform or file system refuses (the caller then copies).</summary>
    public static bool TryLink(string existing, string link) => OperatingSystem.IsLinux() && Link(existing, link) == 0;

#pragma warning disable SYSLIB1054 // DllImport keeps the project free of unsafe code; called once per block write.
    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "link", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Link(string existing, string link);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
#pragma warning restore SYSLIB1054
}
