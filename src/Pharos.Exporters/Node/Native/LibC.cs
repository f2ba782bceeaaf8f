using System.Runtime.InteropServices;

namespace Pharos.Exporters.Node.Native;

/// <summary>The few libc calls the node collectors need (statfs, uname, adjtimex); Linux only.</summary>
internal static class LibC
{
    /// <summary>
    /// <c>struct statfs</c> on 64-bit Linux: fifteen 8-byte words (type, bsize, blocks, bfree, bavail, files,
    /// ffree, fsid, namelen, frsize, flags, spare[4]). Sixteen words leave slack.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct StatFs
    {
        public long Type;
        public long BlockSize;
        public ulong Blocks;
        public ulong BlocksFree;
        public ulong BlocksAvailable;
        public ulong Files;
        public ulong FilesFree;
        public long FsId;
        public long NameLength;
        public long FragmentSize;
        public long Flags;
        public long Spare0;
        public long Spare1;
        public long Spare2;
        public long Spare3;
        public long Slack;
    }

    /// <summary>
    /// <c>struct timex</c> on 64-bit Linux, in 8-byte words: modes, offset, freq, maxerror, esterror, status,
    /// constant, precision, tolerance, time (two words), tick, ppsfreq, jitter, shift, stabil, jitcnt, calcnt,
    /// errcnt, stbcnt, tai, then padding. Int fields occupy the low half of their word (little endian).
    /// </summary>
    public const int TimexWords = 32;

    [DllImport("libc", EntryPoint = "statfs", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
#pragma warning disable SYSLIB1054 // DllImport keeps the project free of unsafe code; these calls are off the hot path.
    private static extern int StatFsNative(string path, out StatFs buffer);

    [DllImport("libc", EntryPoint = "uname", SetLastError = true)]
    private static extern int UnameNative([Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "adjtimex", SetLastError = true)]
    private static extern int AdjtimexNative([In, Out] long[] buffer);
#pragma warning restore SYSLIB1054

    /// <summary>Calls <c>statfs(2)</c>.</summary>
    /// <param name="path">A path on the file system.</param>
    /// <param name="result">The statistics.</param>
    /// <param name="errno">The error number on failure.</param>
    /// <returns>Whether the call succeeded.</returns>
    public static bool TryStatFs(string path, out StatFs result, out int errno)
    {
        var rc = StatFsNative(path, out result);
        errno = rc == 0 ? 0 : Marshal.GetLastPInvokeError();
        return rc == 0;
    }

    /// <summary>Calls <c>uname(2)</c>: six NUL-terminated fields of 65 bytes each.</summary>
    /// <returns>sysname, nodename, release, version, machine, domainname.</returns>
    public static string[] Uname()
    {
        const int FieldLength = 65;
        var buffer = new byte[FieldLength * 6];
        if (UnameNative(buffer) != 0)
        {
            throw new NodeCollectorException($"uname failed: errno {Marshal.GetLastPInvokeError()}");
        }

        var fields = new string[6];
        for (var i = 0; i < fields.Length; i++)
        {
            var field = buffer.AsSpan(i * FieldLength, FieldLength);
            var end = field.IndexOf((byte)0);
            fields[i] = System.Text.Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
        }

        return fields;
    }

    /// <summary>Calls <c>adjtimex(2)</c> in read-only mode (modes = 0).</summary>
    /// <param name="words">The <c>struct timex</c> words, see <see cref="TimexWords"/>.</param>
    /// <returns>The clock state (TIME_OK … TIME_ERROR).</returns>
    public static int Adjtimex(long[] words)
    {
        var state = AdjtimexNative(words);
        return state < 0 ? throw new NodeCollectorException($"adjtimex failed: errno {Marshal.GetLastPInvokeError()}") : state;
    }
}
