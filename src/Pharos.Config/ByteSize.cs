using System.Globalization;

namespace Pharos.Config;

/// <summary>
/// Sizes such as <c>body_size_limit: 10MB</c> as upstream's <c>units.Base2Bytes</c>: every unit is a power of 1024
/// (<c>KB</c> and <c>KiB</c> alike), several amounts may be concatenated (<c>1GB512MB</c>), <c>0</c> needs no unit.
/// </summary>
public static class ByteSize
{
    private static readonly Dictionary<string, long> Units = new(StringComparer.Ordinal)
    {
        ["B"] = 1,
        ["KB"] = 1L << 10,
        ["KiB"] = 1L << 10,
        ["MB"] = 1L << 20,
        ["MiB"] = 1L << 20,
        ["GB"] = 1L << 30,
        ["GiB"] = 1L << 30,
        ["TB"] = 1L << 40,
        ["TiB"] = 1L << 40,
        ["PB"] = 1L << 50,
        ["PiB"] = 1L << 50,
        ["EB"] = 1L << 60,
        ["EiB"] = 1L << 60,
    };

    /// <summary>Parses a size.</summary>
    /// <param name="text">The text, e.g. <c>512KiB</c>.</param>
    /// <param name="bytes">The size in bytes.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        if (text == "0")
        {
            return true;
        }

        var i = 0;
        if (text.Length == 0)
        {
            return false;
        }

        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (i == start || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            if (!Units.TryGetValue(text[unitStart..i], out var unit))
            {
                return false;
            }

            bytes += (long)(amount * unit);
        }

        return true;
    }

    /// <summary>Formats as upstream prints sizes: the largest exact unit (<c>10MiB</c>), or <c>0B</c>.</summary>
    /// <param name="bytes">The size.</param>
    /// <returns>The text.</returns>
    public static string Format(long bytes)
    {
        if (bytes == 0)
        {
            return "0B";
        }

        foreach (var (name, size) in new[] { ("EiB", 1L << 60), ("PiB", 1L << 50), ("TiB", 1L << 40), ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10) })
        {
            if (bytes % size == 0)
            {
                return (bytes / size).ToString(CultureInfo.InvariantCulture) + name;
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture) + "B";
    }
}
