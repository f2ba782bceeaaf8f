using System.Globalization;

namespace Pharos.Hosting.Flags;

/// <summary>Byte sizes as upstream flags spell them: <c>512MB</c>, <c>1GB</c>, <c>100KiB</c>, or plain bytes. Units are powers of 1024, as Prometheus's units.</summary>
public static class ByteSize
{
    private static readonly (string Suffix, long Multiplier)[] Suffixes =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40), ("PiB", 1L << 50), ("EiB", 1L << 60),
        ("KB", 1L << 10), ("MB", 1L << 20), ("GB", 1L << 30), ("TB", 1L << 40), ("PB", 1L << 50), ("EB", 1L << 60),
        ("B", 1),
    ];

    /// <summary>Parses a size.</summary>
    /// <param name="text">The text, e.g. <c>512MB</c>.</param>
    /// <param name="bytes">The size in bytes.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var multiplier = 1L;
        var number = text.AsSpan().Trim();
        foreach (var (suffix, m) in Suffixes)
        {
            if (number.EndsWith(suffix, StringComparison.Ordinal))
            {
                multiplier = m;
                number = number[..^suffix.Length];
                break;
            }
        }

        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        try
        {
            bytes = checked(amount * multiplier);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
