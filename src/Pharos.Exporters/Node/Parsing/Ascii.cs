using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Pharos.Exporters.Node.Parsing;

/// <summary>Number and string conversions on ASCII spans, as found in procfs and sysfs.</summary>
internal static class Ascii
{
    /// <summary>The span without leading and trailing spaces, tabs and newlines.</summary>
    /// <param name="s">The input.</param>
    /// <returns>The trimmed span.</returns>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s) => s.Trim(" \t\r\n\0"u8);

    /// <summary>Decodes a span as UTF-8.</summary>
    /// <param name="s">The bytes.</param>
    /// <returns>The string.</returns>
    public static string ToString(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);

    /// <summary>Parses an unsigned decimal integer.</summary>
    /// <param name="s">The digits.</param>
    /// <param name="value">The number.</param>
    /// <returns>Whether the whole span was a number.</returns>
    public static bool TryParseUInt64(ReadOnlySpan<byte> s, out ulong value) =>
        Utf8Parser.TryParse(s, out value, out var consumed) && consumed == s.Length;

    /// <summary>Parses a decimal or floating-point number (<c>0.25</c>, <c>-3</c>, <c>1e6</c>).</summary>
    /// <param name="s">The text.</param>
    /// <param name="value">The number.</param>
    /// <returns>Whether the whole span was a number.</returns>
    public static bool TryParseDouble(ReadOnlySpan<byte> s, out double value)
    {
        if (TryParseUInt64(s, out var integer))
        {
            value = integer;
            return true;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses a hexadecimal number without prefix, as in <c>/proc/net/stat/nf_conntrack</c>.</summary>
    /// <param name="s">The hex digits.</param>
    /// <param name="value">The number.</param>
    /// <returns>Whether the whole span was hexadecimal.</returns>
    public static bool TryParseHex(ReadOnlySpan<byte> s, out ulong value) =>
        Utf8Parser.TryParse(s, out value, out var consumed, 'x') && consumed == s.Length;

    /// <summary>Parses a number or fails the collector, naming the file.</summary>
    /// <param name="s">The text.</param>
    /// <param name="file">The file being parsed, for the message.</param>
    /// <returns>The number.</returns>
    public static double ParseDouble(ReadOnlySpan<byte> s, string file) =>
        TryParseDouble(s, out var value)
            ? value
            : throw new NodeCollectorException($"{file}: invalid number '{ToString(s)}'");
}
