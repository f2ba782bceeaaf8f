using System.Text;

namespace Pharos.Exporters.Node.Parsing;

/// <summary>
/// Reads procfs and sysfs files. Proc files report a size of 0, so they are read to the end into one buffer;
/// parsers then work on spans of it.
/// </summary>
internal static class ProcFile
{
    /// <summary>Reads a whole file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="IOException">The file is missing or unreadable.</exception>
    public static byte[] Read(string path)
    {
        try
        {
            return ReadToEnd(path);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"cannot read {path}: {e.Message}", e);
        }
    }

    /// <summary>Reads a file that may legitimately be absent, e.g. an optional sysfs attribute.</summary>
    /// <param name="path">The file.</param>
    /// <param name="data">The bytes when found.</param>
    /// <returns>Whether the file could be read.</returns>
    public static bool TryRead(string path, out byte[] data)
    {
        try
        {
            data = ReadToEnd(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            data = [];
            return false;
        }
    }

    // NOTE: File.ReadAllBytes trusts the reported size: proc files say 0 and sysfs attributes say 4096 whatever
    // their content, and a short read then fails with EndOfStreamException. Read until EOF instead.
    private static byte[] ReadToEnd(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[4096];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return buffer.AsSpan(0, total).ToArray();
    }

    /// <summary>Reads a one-value file (a sysfs attribute) as a trimmed string.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The content without surrounding whitespace.</returns>
    public static string ReadString(string path) => Encoding.UTF8.GetString(Read(path)).Trim();

    /// <summary>Reads a one-value file as a trimmed string if it exists.</summary>
    /// <param name="path">The file.</param>
    /// <param name="value">The content without surrounding whitespace.</param>
    /// <returns>Whether the file could be read.</returns>
    public static bool TryReadString(string path, out string value)
    {
        if (TryRead(path, out var data))
        {
            value = Encoding.UTF8.GetString(data).Trim();
            return true;
        }

        value = string.Empty;
        return false;
    }

    /// <summary>Reads a one-number sysfs attribute if it exists and parses.</summary>
    /// <param name="path">The file.</param>
    /// <param name="value">The number.</param>
    /// <returns>Whether the file held a number.</returns>
    public static bool TryReadDouble(string path, out double value)
    {
        value = 0;
        return TryRead(path, out var data) && Ascii.TryParseDouble(Ascii.Trim(data), out value);
    }

    /// <summary>Reads a one-integer sysfs attribute (such as <c>ce_count</c>) or fails the collector.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The number.</returns>
    public static double ReadDouble(string path)
    {
        var data = Read(path);
        return Ascii.TryParseDouble(Ascii.Trim(data), out var value)
            ? value
            : throw new NodeCollectorException($"{path}: expected a number, got '{Ascii.ToString(Ascii.Trim(data))}'");
    }
}
